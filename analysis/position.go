package analysis

import (
	"sort"
	"strings"
)

// Pos is a point in a Dockerfile: a byte offset plus its 0-based line and
// 0-based column, both counted in bytes. The server converts columns to the
// client's encoding; nothing in analysis knows about UTF-16. The fields are
// 32-bit because every word of every instruction carries two positions:
// they are much of the model's memory, and Parse reads at most MaxText
// bytes.
type Pos struct {
	Offset int32
	Line   int32
	Col    int32
}

// Range is a half-open span [Start, End) of the source.
type Range struct {
	Start Pos
	End   Pos
}

// Empty reports whether the range covers no bytes.
func (r Range) Empty() bool { return r.End.Offset <= r.Start.Offset }

// Contains reports whether offset lies inside the range (end inclusive, so a
// cursor just after a word still counts as on it).
func (r Range) Contains(offset int) bool {
	return offset >= int(r.Start.Offset) && offset <= int(r.End.Offset)
}

// Lines indexes the start offset of every line of a text so that offsets and
// line/column pairs convert in O(log n).
type Lines struct {
	starts []int // starts[i] is the byte offset where line i begins
	size   int   // total length of the text
}

// NewLines indexes text. A line ends after '\n'; a trailing "\r" stays part
// of the line's content, as BuildKit sees it.
func NewLines(text string) *Lines {
	starts := make([]int, 1, len(text)/32+1)
	for i := 0; ; {
		n := strings.IndexByte(text[i:], '\n')
		if n < 0 {
			break
		}
		i += n + 1
		starts = append(starts, i)
	}
	return &Lines{starts: starts, size: len(text)}
}

// Count is the number of lines (a text ending in '\n' has an empty last line).
func (l *Lines) Count() int { return len(l.starts) }

// Start is the offset at which line begins; lines past the end map to the end.
func (l *Lines) Start(line int) int {
	if line < 0 {
		return 0
	}
	if line >= len(l.starts) {
		return l.size
	}
	return l.starts[line]
}

// End is the offset of the end of line's content, before its '\n'.
func (l *Lines) End(line int) int {
	if line+1 < len(l.starts) {
		return l.starts[line+1] - 1
	}
	return l.size
}

// Pos converts a byte offset (clamped to the text) to a position.
func (l *Lines) Pos(offset int) Pos {
	if offset < 0 {
		offset = 0
	}
	if offset > l.size {
		offset = l.size
	}
	line := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	return Pos{Offset: int32(offset), Line: int32(line), Col: int32(offset - l.starts[line])}
}

// Range converts a pair of byte offsets to a range.
func (l *Lines) Range(start, end int) Range {
	return Range{Start: l.Pos(start), End: l.Pos(end)}
}

// LineRange is the range of a whole line's content, without its newline.
func (l *Lines) LineRange(line int) Range {
	return l.Range(l.Start(line), l.End(line))
}
