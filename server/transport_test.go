package server

import (
	"testing"

	"go.lsp.dev/jsonrpc2"
)

func TestValidateFrame(t *testing.T) {
	for _, tc := range []struct {
		frame string
		want  jsonrpc2.Code
	}{
		{`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`, 0},
		{`{"jsonrpc":"2.0","method":"initialized"}`, 0},
		{`[{"jsonrpc":"2.0","method":"initialized"}]`, 0},
		{`{"jsonrpc":"2.0","id":1,"method":`, jsonrpc2.ParseError},
		{`[{"jsonrpc"`, jsonrpc2.ParseError},
		{"\x00\x01binary", jsonrpc2.ParseError},
		{`{}`, jsonrpc2.InvalidRequest},
		{`"just a string"`, jsonrpc2.InvalidRequest},
	} {
		if got, _ := validateFrame([]byte(tc.frame)); got != tc.want {
			t.Errorf("validateFrame(%q) = %d, want %d", tc.frame, got, tc.want)
		}
	}
}
