package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/exp/zapslog"
	"go.uber.org/zap/zapcore"

	"github.com/layerwise/layerwise/internal/gctune"
	"github.com/layerwise/layerwise/server"
)

// runServe starts the language server on stdio or, with --listen, on TCP.
func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("layerwise", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	listen := fs.String("listen", "", "")
	logFile := fs.String("log-file", "", "")
	logLevel := fs.String("log-level", "warn", "")
	showVersion := fs.Bool("version", false, "")
	fs.Bool("stdio", true, "") // accepted for clients that always pass it
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "layerwise: %v\nRun 'layerwise --help' for usage.\n", err)
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "layerwise: unknown command %q\nRun 'layerwise --help' for usage.\n", fs.Arg(0))
		return 2
	}
	if *showVersion {
		fmt.Fprintf(stdout, "layerwise %s\n", version)
		return 0
	}
	logger, closeLog, err := newLogger(*logFile, *logLevel, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "layerwise: %v\n", err)
		return 2
	}
	defer closeLog()
	gctune.Start()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx = protocol.WithLogger(ctx, slog.New(zapslog.NewHandler(logger.Core())))
	opts := server.Options{Logger: logger, Version: version, Stderr: stderr}

	if *listen == "" {
		return server.Serve(ctx, stdioConn{stdin, stdout}, opts)
	}
	return serveTCP(ctx, *listen, opts, logger, stderr)
}

// handshakeTimeout is how long a TCP client may take to send initialize: a
// client that connects and says nothing must not hold the only session.
const handshakeTimeout = 5 * time.Second

// serveTCP serves the clients that connect to addr one session at a time,
// until a client ends its session with exit (the process then exits with
// that session's code) or the process is stopped. A client that connects
// while a session is on is told so and disconnected at once; one that
// sends no initialize within handshakeTimeout is dropped, and the next can
// connect.
func serveTCP(ctx context.Context, addr string, opts server.Options, logger *zap.Logger, stderr io.Writer) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "layerwise: listen: %v\n", err)
		return 1
	}
	defer ln.Close()
	logger.Info("listening", zap.String("addr", ln.Addr().String()))
	fmt.Fprintf(stderr, "layerwise: listening on %s\n", ln.Addr())
	go func() { <-ctx.Done(); ln.Close() }()

	conns := make(chan net.Conn)
	go func() {
		defer close(conns)
		for {
			conn, err := ln.Accept()
			if err != nil {
				return // closed: the process is ending
			}
			conns <- conn
		}
	}()
	var busy atomic.Bool
	ended := make(chan int, 1)
	for {
		select {
		case <-ctx.Done():
			return 1
		case code := <-ended:
			return code
		case conn, ok := <-conns:
			if !ok {
				return 1
			}
			if busy.Load() {
				refuse(conn, logger)
				continue
			}
			busy.Store(true)
			go func() {
				if code, exited := serveSession(ctx, conn, opts, &busy); exited {
					ended <- code
				}
			}()
		}
	}
}

// serveSession serves one TCP client; exited reports that it sent exit.
// The session slot is free again once the connection closes, so that the
// next client may come as soon as this one sees EOF; but not after exit:
// the process is ending, and would drop a client it took.
func serveSession(ctx context.Context, conn net.Conn, opts server.Options, busy *atomic.Bool) (code int, exited bool) {
	var exit atomic.Bool
	sc := &sessionConn{Conn: conn, over: func() {
		if !exit.Load() {
			busy.Store(false)
		}
	}}
	_ = conn.SetReadDeadline(time.Now().Add(handshakeTimeout))
	opts.OnInitialize = func() { _ = conn.SetReadDeadline(time.Time{}) }
	opts.OnExit = func() { exit.Store(true) }
	code = server.Serve(ctx, sc, opts)
	return code, exit.Load()
}

// sessionConn is a client's connection that says when it is closed.
type sessionConn struct {
	net.Conn
	once sync.Once
	over func()
}

func (c *sessionConn) Close() error {
	c.once.Do(c.over)
	return c.Conn.Close()
}

// refuse tells a client that connects during another's session why it is
// turned away, and disconnects it.
func refuse(conn net.Conn, logger *zap.Logger) {
	logger.Info("refusing a second client", zap.String("remote", conn.RemoteAddr().String()))
	body := `{"jsonrpc":"2.0","method":"window/showMessage","params":{"type":1,"message":"layerwise serves one client at a time over TCP, and another is connected"}}`
	_ = conn.SetWriteDeadline(time.Now().Add(time.Second))
	fmt.Fprintf(conn, "Content-Length: %d\r\n\r\n%s", len(body), body)
	conn.Close()
}

// stdioConn joins stdin and stdout into the connection LSP runs over.
type stdioConn struct {
	io.Reader
	io.Writer
}

func (stdioConn) Close() error { return nil }

// newLogger builds the zap logger: JSON lines to a file, or console lines to
// stderr. stdout is never used: it carries the protocol.
func newLogger(path, level string, stderr io.Writer) (*zap.Logger, func(), error) {
	lvl, err := zapcore.ParseLevel(level)
	if err != nil {
		return nil, nil, fmt.Errorf("--log-level: %w", err)
	}
	sink := zapcore.AddSync(stderr)
	closeFn := func() {}
	encCfg := zap.NewDevelopmentEncoderConfig()
	encoder := zapcore.NewConsoleEncoder(encCfg)
	if path != "" {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return nil, nil, fmt.Errorf("--log-file: %w", err)
		}
		sink = zapcore.AddSync(f)
		closeFn = func() { f.Close() }
		encoder = zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
	}
	logger := zap.New(zapcore.NewCore(encoder, zapcore.Lock(sink), lvl))
	return logger, func() { _ = logger.Sync(); closeFn() }, nil
}
