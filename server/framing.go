package server

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// The LSP base protocol frames each message with header lines and a
// Content-Length. jsonrpc2's reader reads a header line without a newline
// into a buffer without end, and allocates any Content-Length up to 1 GiB.
// frameGuard reads the stream ahead of it and stops it, with a clear error,
// at the first frame that breaks the limits below.

const (
	// MaxHeaderLine is the longest header line accepted: real headers are
	// a few dozen bytes.
	MaxHeaderLine = 64 << 10
	// MaxContentLength is the largest message body accepted: far above
	// any real Dockerfile; a larger one is refused, not allocated.
	MaxContentLength = 256 << 20
)

// FramingError is a stream that cannot be read on: no later frame boundary
// can be trusted.
type FramingError struct{ Msg string }

func (e *FramingError) Error() string { return "LSP framing: " + e.Msg }

// frameGuard passes a stream through, checking each frame's header lines
// and Content-Length as they go by.
type frameGuard struct {
	r      io.Reader
	body   int64  // bytes of the current body still to pass
	line   []byte // the header line read so far
	length int64  // the block's Content-Length; -1 before it
	err    error
}

func newFrameGuard(r io.Reader) *frameGuard { return &frameGuard{r: r, length: -1} }

func (g *frameGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i := 0; i < n; {
		if g.body > 0 {
			skip := min(int64(n-i), g.body)
			g.body -= skip
			i += int(skip)
			continue
		}
		lineStart := i - len(g.line) // where the line began, if in this read
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			g.line = append(g.line, p[i:n]...)
			i = n
		} else {
			g.line = append(g.line, p[i:i+j+1]...)
			i += j + 1
		}
		var ferr error
		if len(g.line) > MaxHeaderLine {
			ferr = g.fail(fmt.Sprintf("a header line is longer than %d bytes", MaxHeaderLine))
		} else if j >= 0 {
			ferr = g.endLine()
		}
		if ferr != nil {
			// The frames before the bad line are whole: pass them on, and
			// say what is wrong at the next read.
			return max(lineStart, 0), nil
		}
	}
	return n, err
}

// endLine handles a complete header line.
func (g *frameGuard) endLine() error {
	line := bytes.TrimRight(g.line, "\r\n")
	g.line = g.line[:0]
	if len(line) == 0 { // the blank line: the body follows
		if g.length >= 0 {
			g.body, g.length = g.length, -1
		}
		return nil // no Content-Length: jsonrpc2 says so
	}
	name, value, ok := bytes.Cut(line, []byte(":"))
	if !ok || !bytes.EqualFold(bytes.TrimSpace(name), []byte("Content-Length")) {
		return nil
	}
	v := string(bytes.TrimSpace(value))
	n, err := strconv.ParseInt(v, 10, 64)
	switch {
	case err != nil || n < 0:
		return g.fail(fmt.Sprintf("Content-Length %q is not a length", v))
	case n > MaxContentLength:
		return g.fail(fmt.Sprintf("Content-Length %d is over the limit of %d bytes", n, MaxContentLength))
	}
	g.length = n
	return nil
}

func (g *frameGuard) fail(msg string) error {
	g.err = &FramingError{Msg: msg}
	return g.err
}

// guardedConn is a connection whose reads pass a frameGuard.
type guardedConn struct {
	io.Reader
	io.Writer
	io.Closer
}

func guard(rwc io.ReadWriteCloser) io.ReadWriteCloser {
	return guardedConn{Reader: newFrameGuard(rwc), Writer: rwc, Closer: rwc}
}
