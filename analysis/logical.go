package analysis

import "strings"

// Logical is an instruction's text as BuildKit sees it: continuation lines
// joined, their escape characters and the comment lines between them removed.
// Offsets maps every byte of Text back to its offset in the source, so a
// position found in the joined text is a precise position in the file.
type Logical struct {
	Text    string
	Offsets []int
	// EndLine is the 0-based source line on which the logical line ends (the
	// line without a continuation character).
	EndLine int
	// End is the source offset just past the last byte of the logical line.
	End int
	// EmptyLines are the 0-based source lines inside the continuation that
	// hold nothing but blanks (BuildKit's NoEmptyContinuation).
	EmptyLines []int
	endPos     Pos
}

// Source maps an offset in Text (0..len(Text)) to a source offset.
func (l *Logical) Source(i int) int {
	switch {
	case len(l.Offsets) == 0:
		return l.End
	case i < 0:
		return l.Offsets[0]
	case i >= len(l.Offsets):
		return l.Offsets[len(l.Offsets)-1] + 1
	}
	return l.Offsets[i]
}

// SourceEnd maps the end of a span [.., i) of Text to a source offset: one
// past the source byte of Text[i-1], so spans never swallow a continuation.
func (l *Logical) SourceEnd(i int) int {
	if i <= 0 {
		return l.Source(0)
	}
	return l.Source(i-1) + 1
}

// readLogical joins the lines of the instruction that starts on line first,
// following BuildKit's parser: leading whitespace of the first line is
// dropped, continuation lines keep theirs, comment lines and blank lines
// inside a continuation are skipped.
func readLogical(text string, lines *Lines, first int, escape byte) Logical {
	var b strings.Builder
	var offsets []int
	var empty []int
	line := first
	for ; line < lines.Count(); line++ {
		start, end := lines.Start(line), lines.End(line)
		content := text[start:end]
		content = strings.TrimRight(content, "\r")
		lead := 0
		if line == first {
			lead = len(content) - len(strings.TrimLeft(content, " \t\v\f\r"))
		} else {
			trimmed := strings.TrimLeft(content, " \t\v\f\r")
			// The empty "line" after a final newline is no line at all.
			if trimmed == "" && (line < lines.Count()-1 || end > start) {
				empty = append(empty, line)
			}
			if trimmed == "" || trimmed[0] == '#' {
				continue // skipped by BuildKit inside a continuation
			}
		}
		body, continued := trimContinuation(content[lead:], escape)
		for i := 0; i < len(body); i++ {
			offsets = append(offsets, start+lead+i)
		}
		b.WriteString(body)
		if !continued {
			return Logical{Text: b.String(), Offsets: offsets, EndLine: line, End: start + lead + len(body), EmptyLines: empty}
		}
	}
	// The file ended inside a continuation.
	last := lines.Count() - 1
	return Logical{Text: b.String(), Offsets: offsets, EndLine: last, End: lines.End(last), EmptyLines: empty}
}

// trimContinuation removes a trailing escape character (and the blanks after
// it) unless the escape is itself escaped, as BuildKit's continuation regexp
// does.
func trimContinuation(line string, escape byte) (string, bool) {
	trimmed := strings.TrimRight(line, " \t")
	if !strings.HasSuffix(trimmed, string(escape)) {
		return line, false
	}
	body := trimmed[:len(trimmed)-1]
	if body != "" && body[len(body)-1] == escape {
		return line, false
	}
	return body, true
}

// tokenize splits s into whitespace-separated words, keeping quoted spans
// (single or double quotes) inside one word. It reports each word's start and
// end offsets in s.
func tokenize(s string) [][2]int {
	var spans [][2]int
	i := 0
	for i < len(s) {
		for i < len(s) && isBlank(s[i]) {
			i++
		}
		if i >= len(s) {
			break
		}
		start := i
		var quote byte
		for i < len(s) {
			c := s[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case isBlank(c):
				goto done
			}
			i++
		}
	done:
		spans = append(spans, [2]int{start, i})
	}
	return spans
}

func isBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'
}
