package fixes

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

// newline is the file's line ending: CRLF when its first line uses it.
func newline(f *analysis.File) string {
	if i := strings.IndexByte(f.Text, '\n'); i > 0 && f.Text[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// continuationIndent is the indentation the file uses on continuation lines
// (the first one found), or four spaces.
func continuationIndent(f *analysis.File) string {
	for _, in := range f.Instructions {
		for line := int(in.Range.Start.Line) + 1; line <= in.Logical.EndLine; line++ {
			text := f.Text[f.Lines.Start(line):f.Lines.End(line)]
			trimmed := strings.TrimLeft(text, " \t")
			if trimmed != "" && trimmed[0] != '#' && len(trimmed) < len(text) {
				return text[:len(text)-len(trimmed)]
			}
		}
	}
	return "    "
}

// lineStart is the offset of the start of the line holding offset.
func lineStart(f *analysis.File, offset int) int {
	return f.Lines.Start(int(f.Lines.Pos(offset).Line))
}
