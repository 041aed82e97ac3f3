package server

import (
	"testing"

	"go.lsp.dev/protocol"

	"github.com/layerwise/layerwise/analysis"
)

// The text mixes ASCII, a 3-byte CJK character (1 UTF-16 unit), a 4-byte
// emoji (2 UTF-16 units, a surrogate pair) and CRLF line endings.
const mixed = "FROM a\r\n# 日🐳x\r\nRUN y"

func TestMapperConvertsColumnsPerEncoding(t *testing.T) {
	// Byte offset of "x" on line 1: "# " (2) + "日" (3) + "🐳" (4) = col 9.
	x := analysis.Pos{Offset: 8 + 9, Line: 1, Col: 9}
	for _, tc := range []struct {
		enc  Encoding
		want uint32
	}{{UTF16, 5}, {UTF8, 9}, {UTF32, 4}} {
		m := NewMapper(mixed, nil, tc.enc)
		got := m.Position(x)
		if got.Line != 1 || got.Character != tc.want {
			t.Errorf("%v: Position = %+v, want 1:%d", tc.enc, got, tc.want)
		}
		back, ok := m.Offset(got)
		if !ok || back != int(x.Offset) {
			t.Errorf("%v: Offset(%+v) = %d,%v want %d", tc.enc, got, back, ok, x.Offset)
		}
	}
}

func TestMapperOffsetClampsAndRounds(t *testing.T) {
	m := NewMapper(mixed, nil, UTF16)
	for _, tc := range []struct {
		name string
		pos  protocol.Position
		want int
		ok   bool
	}{
		{"column past the end stops before CRLF", protocol.Position{Line: 0, Character: 99}, 6, true},
		{"inside a surrogate pair rounds down", protocol.Position{Line: 1, Character: 4}, 8 + 5, true},
		{"last line without newline", protocol.Position{Line: 2, Character: 5}, len(mixed), true},
		{"line past the end", protocol.Position{Line: 7, Character: 0}, len(mixed), false},
	} {
		got, ok := m.Offset(tc.pos)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: Offset(%+v) = %d,%v want %d,%v", tc.name, tc.pos, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNegotiateEncodingPrefersUTF8(t *testing.T) {
	for _, tc := range []struct {
		offered []protocol.PositionEncodingKind
		want    Encoding
	}{
		{nil, UTF16},
		{[]protocol.PositionEncodingKind{"utf-16"}, UTF16},
		{[]protocol.PositionEncodingKind{"utf-32", "utf-16"}, UTF32},
		{[]protocol.PositionEncodingKind{"utf-16", "utf-8"}, UTF8},
		{[]protocol.PositionEncodingKind{"latin-1"}, UTF16},
	} {
		if got := negotiateEncoding(tc.offered); got != tc.want {
			t.Errorf("negotiateEncoding(%v) = %v, want %v", tc.offered, got, tc.want)
		}
	}
}

// TestMapperCountsLoneCRAsALineEnd: LSP ends a line at "\n", "\r\n" or a
// lone "\r"; Docker only at "\n". Every position after a lone CR is on the
// client's next line, and converts back to the same offset.
func TestMapperCountsLoneCRAsALineEnd(t *testing.T) {
	text := "FROM a\rRUN x\r\nRUN y\n\rCMD z"
	f := analysis.Parse(text)
	m := NewMapper(text, f.Lines, UTF16)
	for _, tc := range []struct {
		offset     int
		line, char uint32
	}{
		{0, 0, 0},
		{6, 0, 6},  // the lone CR ends line 0
		{7, 1, 0},  // "RUN x" starts client line 1, analysis line 0
		{12, 1, 5}, // the middle of "\r\n" is the end of the line
		{14, 2, 0},
		{20, 3, 0}, // an empty line between "\n" and "\r"
		{21, 4, 0},
		{len(text), 4, 5},
	} {
		got := m.Position(f.Lines.Pos(tc.offset))
		if got.Line != tc.line || got.Character != tc.char {
			t.Errorf("offset %d: Position = %d:%d, want %d:%d", tc.offset, got.Line, got.Character, tc.line, tc.char)
		}
		if tc.offset == 12 {
			continue // the end of line 1 is before the "\r"
		}
		if back, ok := m.Offset(got); !ok || back != tc.offset {
			t.Errorf("Offset(%d:%d) = %d,%v, want %d", got.Line, got.Character, back, ok, tc.offset)
		}
	}
	if _, ok := m.Offset(protocol.Position{Line: 5}); ok {
		t.Error("line 5 of a 5-line client text exists")
	}
}
