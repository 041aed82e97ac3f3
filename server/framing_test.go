package server

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

func frame(body string) string {
	return "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
}

// TestFrameGuardPassesFramesThrough: well-formed frames come out as they
// went in, read a byte at a time or all at once; a body that looks like a
// header is a body.
func TestFrameGuardPassesFramesThrough(t *testing.T) {
	in := frame(`{"a":"Content-Length: 99999999999\n"}`) + "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" + frame(`{}`)
	for name, r := range map[string]io.Reader{
		"whole":      newFrameGuard(strings.NewReader(in)),
		"byte-sized": newFrameGuard(iotest.OneByteReader(strings.NewReader(in))),
	} {
		out, err := io.ReadAll(r)
		if err != nil || string(out) != in {
			t.Errorf("%s: %q, %v", name, out, err)
		}
	}
}

// TestFrameGuardStopsWhatCannotBeFramed: a header line with no end, a
// Content-Length too large or not a number end the stream with a
// FramingError that says which.
func TestFrameGuardStopsWhatCannotBeFramed(t *testing.T) {
	for _, tc := range []struct{ name, in, want, good string }{
		// A long line passes on until it is too long: no frame follows it.
		{"endless header line", "Content-Length: 2\r\nX-Pad: " + strings.Repeat("x", MaxHeaderLine+1), "longer than", "-"},
		{"huge length", "Content-Length: 100000000000\r\n\r\n{}", "over the limit", ""},
		{"between our limit and jsonrpc2's", "Content-Length: 536870912\r\n\r\n{}", "over the limit", ""},
		{"not a number", "Content-Length: 12abc\r\n\r\n{}", "is not a length", ""},
		{"negative", "Content-Length: -5\r\n\r\n{}", "is not a length", ""},
		{"after a good frame", frame(`{"method":"exit"}`) + "Content-Length: 1e9\r\n\r\n", "is not a length", frame(`{"method":"exit"}`)},
	} {
		out, err := io.ReadAll(newFrameGuard(strings.NewReader(tc.in)))
		var fe *FramingError
		if !errors.As(err, &fe) || !strings.Contains(fe.Msg, tc.want) {
			t.Errorf("%s: %v, want a FramingError saying %q", tc.name, err, tc.want)
		}
		if tc.good != "-" && string(out) != tc.good {
			t.Errorf("%s: passed %d bytes, want the %d of the whole frames before the bad line", tc.name, len(out), len(tc.good))
		}
	}
}
