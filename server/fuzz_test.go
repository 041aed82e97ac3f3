package server

import (
	"testing"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

// FuzzApplyChanges checks incremental edits against plain string splicing:
// an edit described in UTF-16 positions must change exactly the bytes it
// names.
func FuzzApplyChanges(f *testing.F) {
	f.Add("FROM a\nRUN x\n", uint16(1), uint16(4), uint16(1), uint16(5), "yz")
	f.Add("🐳 日本\r\nRUN é\n", uint16(0), uint16(2), uint16(1), uint16(1), "\n")
	f.Add("FROM a\rRUN x\r\rRUN y", uint16(2), uint16(0), uint16(1), uint16(3), "\r")
	f.Fuzz(func(t *testing.T, text string, l1, c1, l2, c2 uint16, insert string) {
		if !utf8.ValidString(text) || len(text) > 2048 {
			return
		}
		m := NewMapper(text, nil, UTF16)
		start, okStart := m.Offset(protocol.Position{Line: uint32(l1), Character: uint32(c1)})
		end, okEnd := m.Offset(protocol.Position{Line: uint32(l2), Character: uint32(c2)})
		got, problems := applyChanges(text, []protocol.TextDocumentContentChangeEvent{edit(uint32(l1), uint32(c1), uint32(l2), uint32(c2), insert)}, UTF16)
		if malformed := end < start || !okStart || !okEnd; malformed != (len(problems) > 0) {
			t.Fatalf("malformed %v, problems %q", malformed, problems)
		}
		if end < start {
			start, end = end, start
		}
		if want := text[:start] + insert + text[end:]; got != want {
			t.Fatalf("got %q want %q", got, want)
		}
		if !utf8.ValidString(got) && utf8.ValidString(insert) {
			t.Fatalf("an edit split a character: %q", got)
		}
	})
}

// FuzzMapper checks that converting a byte position to the client's units
// and back returns the same position, in every encoding.
func FuzzMapper(f *testing.F) {
	f.Add("FROM a\r\n# 日🐳x\r\nRUN y", 12)
	f.Add("\r000000\r0\n0\r\n", 12) // a lone CR before a CRLF
	f.Fuzz(func(t *testing.T, text string, offset int) {
		if len(text) > 2048 || offset < 0 || offset > len(text) {
			return
		}
		if offset < len(text) && !utf8.RuneStart(text[offset]) {
			return
		}
		for _, enc := range []Encoding{UTF16, UTF8, UTF32} {
			m := NewMapper(text, nil, enc)
			p := m.lines.Pos(offset)
			// The client's line, which a lone CR ends too.
			start, content := m.lineContent(m.clientLine(offset))
			if offset-start > len(content) {
				continue // inside a CRLF: clamps to the line end by design
			}
			if !utf8.ValidString(content[:offset-start]) {
				continue
			}
			back, ok := m.Offset(m.Position(p))
			if !ok || back != offset {
				t.Fatalf("%v: offset %d -> %+v -> %d", enc, offset, m.Position(p), back)
			}
		}
	})
}
