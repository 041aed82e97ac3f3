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
		problem bool // the change is malformed, and made whole
	}{
		{"insert", "FROM a\n", []protocol.TextDocumentContentChangeEvent{edit(1, 0, 1, 0, "RUN x\n")}, "FROM a\nRUN x\n", false},
		{"replace across lines", "FROM a\nRUN x\nRUN y\n", []protocol.TextDocumentContentChangeEvent{edit(1, 4, 2, 5, "z")}, "FROM a\nRUN z\n", false},
		{"sequential changes see earlier ones", "ab", []protocol.TextDocumentContentChangeEvent{edit(0, 0, 0, 0, "x"), edit(0, 1, 0, 2, "Y")}, "xYb", false},
		{"utf-16 columns after an emoji", "🐳a", []protocol.TextDocumentContentChangeEvent{edit(0, 2, 0, 3, "b")}, "🐳b", false},
		{"whole document", "old", []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: "new"}}, "new", false},
		{"a lone CR ends a client line", "FROM a\rRUN x", []protocol.TextDocumentContentChangeEvent{edit(1, 4, 1, 5, "y")}, "FROM a\rRUN y", false},
		{"range past the end is clamped", "FROM a\n", []protocol.TextDocumentContentChangeEvent{edit(0, 4, 40, 0, "")}, "FROM", true},
		{"a backwards range is read forwards", "abc", []protocol.TextDocumentContentChangeEvent{edit(0, 2, 0, 1, "")}, "ac", true},
		{"one bad change leaves the others", "abc", []protocol.TextDocumentContentChangeEvent{edit(0, 0, 0, 0, "x"), edit(0, 3, 0, 2, "Y"), edit(0, 0, 0, 1, "")}, "aYc", true},
	} {
		got, problems := applyChanges(tc.text, tc.changes, UTF16)
		if got != tc.want || (len(problems) > 0) != tc.problem {
			t.Errorf("%s: got %q, problems %q; want %q (problem: %v)", tc.name, got, problems, tc.want, tc.problem)
		}
	}
}
