package server

import (
	"testing"

	"go.lsp.dev/protocol"
)

func edit(l1, c1, l2, c2 uint32, text string) protocol.TextDocumentContentChangeEvent {
	return &protocol.TextDocumentContentChangePartial{
		Range: protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}},
		Text:  text,
	}
}

func TestApplyChanges(t *testing.T) {
	for _, tc := range []struct {
		name    string
		text    string
		changes []protocol.TextDocumentContentChangeEvent
		want    string
	}{
		{"insert", "FROM a\n", []protocol.TextDocumentContentChangeEvent{edit(1, 0, 1, 0, "RUN x\n")}, "FROM a\nRUN x\n"},
		{"replace across lines", "FROM a\nRUN x\nRUN y\n", []protocol.TextDocumentContentChangeEvent{edit(1, 4, 2, 5, "z")}, "FROM a\nRUN z\n"},
		{"sequential changes see earlier ones", "ab", []protocol.TextDocumentContentChangeEvent{edit(0, 0, 0, 0, "x"), edit(0, 1, 0, 2, "Y")}, "xYb"},
		{"utf-16 columns after an emoji", "🐳a", []protocol.TextDocumentContentChangeEvent{edit(0, 2, 0, 3, "b")}, "🐳b"},
		{"range past the end is clamped", "FROM a\n", []protocol.TextDocumentContentChangeEvent{edit(0, 4, 40, 0, "")}, "FROM"},
		{"whole document", "old", []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: "new"}}, "new"},
	} {
		got, err := applyChanges(tc.text, tc.changes, UTF16)
		if err != nil || got != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
	if _, err := applyChanges("abc", []protocol.TextDocumentContentChangeEvent{edit(0, 2, 0, 1, "")}, UTF16); err == nil {
		t.Error("a range ending before it starts was accepted")
	}
}
