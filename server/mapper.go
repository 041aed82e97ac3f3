package server

import (
	"sort"
	"strings"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/layerwise/layerwise/analysis"
)

// Encoding is the unit in which the client counts columns.
type Encoding int

// The position encodings of LSP 3.17.
const (
	UTF16 Encoding = iota // the default every client understands
	UTF8
	UTF32
)

// String is the encoding's LSP name.
func (e Encoding) String() string {
	switch e {
	case UTF8:
		return string(protocol.PositionEncodingKindUTF8)
	case UTF32:
		return string(protocol.PositionEncodingKindUTF32)
	}
	return string(protocol.PositionEncodingKindUTF16)
}

// negotiateEncoding picks utf-8 when the client offers it (no conversion at
// all), else utf-32, else the mandatory utf-16.
func negotiateEncoding(offered []protocol.PositionEncodingKind) Encoding {
	best := UTF16
	for _, k := range offered {
		switch k {
		case protocol.PositionEncodingKindUTF8:
			return UTF8
		case protocol.PositionEncodingKindUTF32:
			best = UTF32
		}
	}
	return best
}

// Mapper converts between the byte positions of analysis and the client's
// positions for one version of a document. It is the only place in layerwise
// where columns change units, and where lines are counted as LSP counts
// them: a line ends at "\n", "\r\n" or a lone "\r". Docker (and so
// analysis) ends lines at "\n" only, so a lone "\r" is inside an analysis
// line and between two client lines.
type Mapper struct {
	text  string
	lines *analysis.Lines // the analysis lines, for Pos
	// starts is where each client line begins when the text has a lone
	// "\r"; nil when the client's lines are the analysis lines.
	starts []int
	enc    Encoding
}

// NewMapper builds a mapper over text; lines (the analysis lines of text)
// may be nil.
func NewMapper(text string, lines *analysis.Lines, enc Encoding) *Mapper {
	if lines == nil {
		lines = analysis.NewLines(text)
	}
	return &Mapper{text: text, lines: lines, starts: clientLineStarts(text, lines), enc: enc}
}

// clientLineStarts is the offset where each line begins as LSP counts
// lines, when that differs from the analysis lines (a lone "\r"); else nil.
func clientLineStarts(text string, lines *analysis.Lines) []int {
	if !hasLoneCR(text) {
		return nil
	}
	starts := make([]int, 1, lines.Count()+8)
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		case '\n':
			starts = append(starts, i+1)
		}
	}
	return starts
}

// hasLoneCR reports whether text holds a "\r" that no "\n" follows.
func hasLoneCR(text string) bool {
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '\r')
		if j < 0 {
			return false
		}
		i += j + 1
		if i == len(text) || text[i] != '\n' {
			return true
		}
	}
}

// lineCount is the number of client lines.
func (m *Mapper) lineCount() int {
	if m.starts == nil {
		return m.lines.Count()
	}
	return len(m.starts)
}

// lineContent is the client line's text without its line terminator.
func (m *Mapper) lineContent(line int) (start int, content string) {
	if m.starts == nil {
		start = m.lines.Start(line)
		return start, strings.TrimSuffix(m.text[start:m.lines.End(line)], "\r")
	}
	start = m.starts[line]
	end := len(m.text)
	if line+1 < len(m.starts) {
		end = m.starts[line+1]
	}
	content = m.text[start:end]
	content = strings.TrimSuffix(content, "\n")
	content = strings.TrimSuffix(content, "\r")
	return start, content
}

// clientLine is the client line that holds offset.
func (m *Mapper) clientLine(offset int) int {
	if m.starts == nil {
		return int(m.lines.Pos(offset).Line)
	}
	return sort.Search(len(m.starts), func(i int) bool { return m.starts[i] > offset }) - 1
}

// Position converts a byte position to a client position.
func (m *Mapper) Position(p analysis.Pos) protocol.Position {
	off := min(max(int(p.Offset), 0), len(m.text))
	line := m.clientLine(off)
	start, content := m.lineContent(line)
	col := min(off-start, len(content)) // the middle of a "\r\n" is the end of the line
	return protocol.Position{Line: uint32(line), Character: uint32(m.units(content[:col]))}
}

// Range converts a byte range to a client range.
func (m *Mapper) Range(r analysis.Range) protocol.Range {
	return protocol.Range{Start: m.Position(r.Start), End: m.Position(r.End)}
}

// units counts s in the client's encoding. Invalid UTF-8 bytes count as one
// unit each, as editors display them as one replacement character.
func (m *Mapper) units(s string) int {
	switch m.enc {
	case UTF8:
		return len(s)
	case UTF32:
		return utf8.RuneCountInString(s)
	}
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// Offset converts a client position to a byte offset. ok is false when the
// line does not exist; a column past the end of a line is clamped to the end
// of that line, as LSP asks, and a column inside a UTF-16 surrogate pair
// rounds down to the start of the character.
func (m *Mapper) Offset(p protocol.Position) (offset int, ok bool) {
	line := int(p.Line)
	if line >= m.lineCount() {
		return len(m.text), false
	}
	start, content := m.lineContent(line)
	want := int(p.Character)
	if m.enc == UTF8 {
		if want > len(content) {
			want = len(content)
		}
		for want > 0 && want < len(content) && !utf8.RuneStart(content[want]) {
			want--
		}
		return start + want, true
	}
	n := 0
	for i, r := range content {
		if n >= want {
			return start + i, true
		}
		w := 1
		if m.enc == UTF16 && r >= 0x10000 {
			w = 2
		}
		if n+w > want {
			return start + i, true // inside a surrogate pair
		}
		n += w
	}
	return start + len(content), true
}

// Pos converts a client position to an analysis position (clamped).
func (m *Mapper) Pos(p protocol.Position) (analysis.Pos, bool) {
	off, ok := m.Offset(p)
	return m.lines.Pos(off), ok
}
