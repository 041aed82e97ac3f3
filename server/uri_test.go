package server

import (
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// TestDocumentURIsAreKeptAsSent: the params decoder normalises URIs;
// keepDocumentURI puts back what the client wrote, in a field of the
// params or of a struct they embed.
func TestDocumentURIsAreKeptAsSent(t *testing.T) {
	for _, sent := range []string{"file:///a%2Fb/Dockerfile?x=1", "file:///C:/x/Dockerfile", "", "untitled:Untitled-1"} {
		raw := jsonrpc2.RawMessage(`{"textDocument":{"uri":` + quote(sent) + `},"position":{"line":0,"character":0}}`)
		var hover protocol.HoverParams
		if err := protocol.Unmarshal(raw, &hover); err != nil {
			t.Fatal(err)
		}
		keepDocumentURI(&hover, raw)
		if string(hover.TextDocument.URI) != sent {
			t.Errorf("hover: %q became %q", sent, hover.TextDocument.URI)
		}
		var change protocol.DidChangeTextDocumentParams
		raw = jsonrpc2.RawMessage(`{"textDocument":{"uri":` + quote(sent) + `,"version":2},"contentChanges":[]}`)
		if err := protocol.Unmarshal(raw, &change); err != nil {
			t.Fatal(err)
		}
		keepDocumentURI(&change, raw)
		if string(change.TextDocument.URI) != sent {
			t.Errorf("didChange: %q became %q", sent, change.TextDocument.URI)
		}
	}
}

func quote(s string) string { b, _ := protocol.Marshal(s); return string(b) }

// TestSiblingURIStaysInTheFolder: the file a fix creates is built from the
// Dockerfile's parsed path, beside it, whatever the URI looks like.
func TestSiblingURIStaysInTheFolder(t *testing.T) {
	for _, tc := range []struct{ dockerfile, want string }{
		{"file:///home/u/app/Dockerfile", "file:///home/u/app/.dockerignore"},
		{"file://server/share/app/Dockerfile", "file://server/share/app/.dockerignore"},
		{"file:///c%3A/app/Dockerfile", "file:///c%3A/app/.dockerignore"},
		{"file:///home/u/My%20App/Dockerfile?x=1#f", "file:///home/u/My%20App/.dockerignore"},
	} {
		got, ok := siblingURI(uri.URI(tc.dockerfile), ".dockerignore")
		if !ok || string(got) != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.dockerfile, got, ok, tc.want)
		}
	}
	for _, bad := range []struct{ dockerfile, name string }{
		{"untitled:Untitled-1", ".dockerignore"},
		{"file:///app/Dockerfile", "../.dockerignore"},
		{"file:///app/Dockerfile", "sub/.dockerignore"},
		{"file:///app/Dockerfile", ".."},
	} {
		if got, ok := siblingURI(uri.URI(bad.dockerfile), bad.name); ok {
			t.Errorf("%s + %s: %q", bad.dockerfile, bad.name, got)
		}
	}
}

// TestFilePath: only a file: URI with a path names a file on disk.
func TestFilePath(t *testing.T) {
	for u, want := range map[string]string{
		"file:///home/u/My%20App/Dockerfile": "/home/u/My App/Dockerfile",
		"file://server/share/Dockerfile":     "//server/share/Dockerfile",
		"untitled:Untitled-1":                "",
		"":                                   "",
		"file:///":                           "",
	} {
		got, ok := filePath(uri.URI(u))
		if got != want && ok || (want == "") == ok {
			t.Errorf("%q: %q, %v; want %q", u, got, ok, want)
		}
	}
}
