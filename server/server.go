// Package server is layerwise's Language Server Protocol front end. It is a
// thin translation layer: it keeps the open documents, converts positions and
// protocol types, and asks package analysis for everything it knows.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/project"
)

// Options configure a Server.
type Options struct {
	Logger  *zap.Logger
	Version string // reported in serverInfo
	// OnInitialize and OnExit, when set, are called when the client's
	// initialize request and exit notification arrive (the TCP listener
	// lifts its handshake deadline, and ends the process after exit).
	OnInitialize, OnExit func()
	// Stderr gets the one line that says why a stream that cannot be read
	// on ended the session (nil: none), whatever the log settings.
	Stderr io.Writer
}

// exitGrace is how long Serve waits, once the session is over, for the
// documents' analysis loops to see their cancellation: exit, end of input
// and SIGTERM end the process within it, whatever is running (analyses a
// request runs are not waited for at all).
const exitGrace = 500 * time.Millisecond

type lifecycle int

const (
	uninitialized lifecycle = iota
	running
	shuttingDown
)

// Server serves one client connection.
type Server struct {
	opts Options
	log  *zap.Logger
	conn jsonrpc2.Conn
	docs *store

	ctx    context.Context // lives as long as the connection
	cancel context.CancelFunc
	wg     sync.WaitGroup // document analysis loops

	mu       sync.Mutex
	state    lifecycle
	enc      Encoding
	exitCode int
	exited   chan struct{} // closed by the exit notification
	inflight map[jsonrpc2.ID]context.CancelFunc

	settingsReady       chan struct{} // closed once the editor's settings are known (settingsKnown)
	settingsOnce        sync.Once
	clientConfiguration bool             // the client answers workspace/configuration
	watchFiles          bool             // the client watches files for us when asked
	configs             *project.Loader  // .layerwise.yaml files, read when they change
	settings            *analysis.Config // from the editor; nil when none
	settingsGen         int              // counts settings applied, so a stale answer loses
	edits               clientEdits      // what the client does with code actions
	features            clientFeatures   // what the client displays (hover, completion)
}

// Serve speaks LSP over rwc until the client sends exit or closes the
// stream. It returns the process exit code LSP prescribes: 0 after a
// shutdown request, 1 otherwise.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) int {
	if opts.Logger == nil {
		opts.Logger = zap.NewNop()
	}
	s := &Server{
		opts:     opts,
		log:      opts.Logger,
		docs:     newStore(),
		configs:  project.NewLoader(),
		exitCode: 1,
		exited:   make(chan struct{}),
		// Until initialized says whether the client answers
		// workspace/configuration, settings may still come.
		settingsReady: make(chan struct{}),
		inflight:      map[jsonrpc2.ID]context.CancelFunc{},
	}
	s.ctx, s.cancel = context.WithCancel(ctx)
	defer s.cancel()

	stream := newTolerantStream(jsonrpc2.NewHeaderStream(guard(rwc)), func(err error) {
		s.log.Warn("bad message from client", zap.Error(err))
	})
	s.conn = jsonrpc2.NewConn(stream, jsonrpc2.WithCodec(codec{}))
	s.conn.Go(s.ctx, s.handle)

	// A stdio reader cannot be interrupted, so exit does not wait for the
	// connection to wind down: the process ends right after Serve returns.
	select {
	case <-s.conn.Done():
	case <-s.exited:
	case <-ctx.Done():
	}
	_ = rwc.Close() // ends a socket's read loop; a no-op for stdio
	s.cancel()
	// Analyses stop at their next rule; a parse of a huge text does not
	// stop, and the process must not wait for it.
	stopped := make(chan struct{})
	go func() { s.wg.Wait(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(exitGrace):
		s.log.Warn("ending with an analysis still running")
	}
	select {
	case <-s.conn.Done():
		if err := s.conn.Err(); err != nil && !errors.Is(err, io.EOF) {
			s.log.Debug("connection ended", zap.Error(err))
			if unreadable(err) && opts.Stderr != nil {
				fmt.Fprintf(opts.Stderr, "layerwise: the client's message stream cannot be read on: %v\n", err)
			}
		}
	default:
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exitCode
}

// unreadable reports whether err ended the connection because the stream's
// framing broke: a frame over the limits, a header jsonrpc2 rejects, a frame
// cut short.
func unreadable(err error) bool {
	var fe *FramingError
	return errors.As(err, &fe) || errors.Is(err, jsonrpc2.ErrInvalidHeader) || errors.Is(err, io.ErrUnexpectedEOF)
}

// route handles one method; raw is the request's params.
type route func(s *Server, ctx context.Context, raw jsonrpc2.RawMessage) (any, error)

// decode wraps a typed handler: it unmarshals the params, answering
// InvalidParams when they do not decode. The document's URI is kept exactly
// as the client wrote it: uri.URI's decoder normalises it (`%2F`, `C:`,
// queries), and the client knows its documents by its own spelling only.
func decode[P any](fn func(s *Server, ctx context.Context, p *P) (any, error)) route {
	return func(s *Server, ctx context.Context, raw jsonrpc2.RawMessage) (any, error) {
		var p P
		if len(raw) > 0 && string(raw) != "null" {
			if err := protocol.Unmarshal(raw, &p); err != nil {
				return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %v", err)
			}
			keepDocumentURI(&p, raw)
		}
		return fn(s, ctx, &p)
	}
}

// keepDocumentURI sets p's TextDocument.URI (a field of p or of a struct
// it embeds) to the string the raw params hold.
func keepDocumentURI(p any, raw jsonrpc2.RawMessage) {
	v := reflect.ValueOf(p).Elem()
	if v.Kind() != reflect.Struct {
		return
	}
	td := v.FieldByName("TextDocument")
	if !td.IsValid() || td.Kind() != reflect.Struct {
		return
	}
	u := td.FieldByName("URI")
	if !u.IsValid() || !u.CanSet() || u.Kind() != reflect.String {
		return
	}
	// Most clients send URIs the decoder leaves alone, first in the
	// object: when the params hold the decoded one so, there is nothing to
	// put back, and a didOpen of a large text is not decoded twice.
	if enc, err := json.Marshal(u.String()); err == nil && bytes.Contains(raw, append([]byte(`"textDocument":{"uri":`), enc...)) {
		return
	}
	var sent struct {
		TextDocument struct {
			URI *string `json:"uri"`
		} `json:"textDocument"`
	}
	if json.Unmarshal(raw, &sent) != nil || sent.TextDocument.URI == nil {
		return
	}
	u.SetString(*sent.TextDocument.URI)
}

// routes maps every method layerwise understands to its handler.
var routes = map[string]route{
	protocol.MethodInitialize:                      decode(handleInitialize),
	protocol.MethodInitialized:                     handleInitialized,
	protocol.MethodShutdown:                        handleShutdown,
	protocol.MethodExit:                            handleExit,
	protocol.MethodCancelRequest:                   decode(handleCancel),
	protocol.MethodTextDocumentDidOpen:             decode(handleDidOpen),
	protocol.MethodTextDocumentDidChange:           decode(handleDidChange),
	protocol.MethodTextDocumentDidClose:            decode(handleDidClose),
	protocol.MethodTextDocumentDidSave:             func(*Server, context.Context, jsonrpc2.RawMessage) (any, error) { return nil, nil },
	protocol.MethodTextDocumentHover:               decode(handleHover),
	protocol.MethodTextDocumentCodeAction:          decode(handleCodeAction),
	protocol.MethodCodeActionResolve:               decode(handleCodeActionResolve),
	protocol.MethodWorkspaceDidChangeConfiguration: handleDidChangeConfiguration,
	protocol.MethodWorkspaceDidChangeWatchedFiles:  handleDidChangeWatchedFiles,
	protocol.MethodTextDocumentCompletion:          decode(handleCompletion),
	protocol.MethodTextDocumentDocumentSymbol:      decode(handleDocumentSymbol),
	protocol.MethodTextDocumentFoldingRange:        decode(handleFoldingRange),
	protocol.MethodTextDocumentDocumentLink:        decode(handleDocumentLink),
	protocol.MethodTextDocumentDefinition:          decode(handleDefinition),
	protocol.MethodTextDocumentReferences:          decode(handleReferences),
	protocol.MethodTextDocumentDocumentHighlight:   decode(handleDocumentHighlight),
	protocol.MethodTextDocumentPrepareRename:       decode(handlePrepareRename),
	protocol.MethodTextDocumentRename:              decode(handleRename),
}

// handle is the connection's single entry point. It enforces the LSP
// lifecycle, keeps notifications from ever ending the connection, and turns a
// handler panic into an error response.
func (s *Server) handle(ctx context.Context, req *jsonrpc2.Request) (result any, err error) {
	isCall := req.IsCall()
	if isCall {
		// Requests run concurrently with later messages; notifications stay
		// inline so that document edits apply in order. Async copies the
		// request out of the read buffer, so read the method after it.
		jsonrpc2.Async(ctx)
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		id := req.ID()
		s.mu.Lock()
		s.inflight[id] = cancel
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			delete(s.inflight, id)
			s.mu.Unlock()
			cancel()
		}()
	}
	method := strings.Clone(req.Method()) // outlives this call in logs
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("handler panicked", zap.String("method", method), zap.Any("panic", r), zap.Stack("stack"))
			result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", method, r)
		}
		if !isCall {
			if err != nil {
				s.log.Warn("notification failed", zap.String("method", method), zap.Error(err))
			}
			result, err = nil, nil // a notification never ends the connection
		}
	}()

	if err := s.admit(method, isCall); err != nil {
		return nil, err
	}
	h, ok := routes[method]
	if !ok {
		if isCall {
			return nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not found: %s", method)
		}
		s.log.Debug("ignoring notification", zap.String("method", method))
		return nil, nil
	}
	result, err = h(s, ctx, req.Params())
	if isCall && err == nil && ctx.Err() != nil {
		return nil, protocol.ErrRequestCancelled
	}
	return result, err
}

// admit applies the lifecycle: nothing but initialize (and exit) before
// initialize; nothing but exit after shutdown.
func (s *Server) admit(method string, isCall bool) error {
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case method == protocol.MethodExit:
		return nil
	case state == uninitialized && method != protocol.MethodInitialize:
		if isCall {
			return jsonrpc2.Errorf(jsonrpc2.ServerNotInitialized, "server not initialized: send initialize first")
		}
		return errors.New("notification before initialize: " + method)
	case state != uninitialized && method == protocol.MethodInitialize:
		return jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "initialize may only be sent once")
	case state == shuttingDown:
		if isCall {
			return jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "server is shutting down")
		}
		return errors.New("notification after shutdown: " + method)
	}
	return nil
}

func handleShutdown(s *Server, _ context.Context, _ jsonrpc2.RawMessage) (any, error) {
	s.mu.Lock()
	s.state = shuttingDown
	s.mu.Unlock()
	return nil, nil
}

func handleExit(s *Server, _ context.Context, _ jsonrpc2.RawMessage) (any, error) {
	if s.opts.OnExit != nil {
		s.opts.OnExit()
	}
	s.mu.Lock()
	if s.state == shuttingDown {
		s.exitCode = 0
	}
	select {
	case <-s.exited:
	default:
		close(s.exited)
	}
	s.mu.Unlock()
	return nil, nil
}

func handleCancel(s *Server, _ context.Context, p *protocol.CancelParams) (any, error) {
	var id jsonrpc2.ID
	switch v := p.ID.(type) {
	case protocol.Integer:
		id = jsonrpc2.NewNumberID(int64(v))
	case protocol.String:
		id = jsonrpc2.NewStringID(string(v))
	default:
		return nil, fmt.Errorf("cancel: unsupported id %v", p.ID)
	}
	s.mu.Lock()
	cancel, ok := s.inflight[id]
	s.mu.Unlock()
	if ok {
		cancel()
	}
	return nil, nil
}

func (s *Server) encoding() Encoding {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enc
}
