package analysis

import "strings"

// Logical is an instruction's text as BuildKit sees it: continuation lines
// joined, their escape characters and the comment lines between them removed.
// Every byte of Text maps back to its offset in the source, so a position
// found in the joined text is a precise position in the file.
type Logical struct {
	Text string
	// segs are the stretches of Text copied unchanged from the source, in
	// order: one per source line the logical line takes text from.
	segs []segment
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

// segment says Text[text:text+n] is the source's [src:src+n].
type segment struct{ text, src, n int }

// Offsets maps every byte of Text to its source offset. Only building a
// shell script needs it, once per chunk, so it is not kept.
func (l *Logical) Offsets() []int {
	offs := make([]int, 0, len(l.Text))
	for _, sg := range l.segs {
		for i := 0; i < sg.n; i++ {
			offs = append(offs, sg.src+i)
		}
	}
	return offs
}

// Source maps an offset in Text (0..len(Text)) to a source offset.
func (l *Logical) Source(i int) int {
	if len(l.segs) == 0 || len(l.Text) == 0 {
		return l.End
	}
	if i < 0 {
		i = 0
	}
	if i >= len(l.Text) {
		last := l.segs[len(l.segs)-1]
		return last.src + last.n
	}
	// Few segments: a linear scan from the end beats a binary search.
	for k := len(l.segs) - 1; k >= 0; k-- {
		if sg := l.segs[k]; i >= sg.text {
			return sg.src + (i - sg.text)
		}
	}
	return l.segs[0].src
}

// SourceEnd maps the end of a span [.., i) of Text to a source offset: one
// past the source byte of Text[i-1], so spans never swallow a continuation.
func (l *Logical) SourceEnd(i int) int {
	if i <= 0 {
		return l.Source(0)
	}
	return l.Source(i-1) + 1
}

// Index maps a source offset back to an index of Text: the first byte at or
// after offset (len(Text) past the end). exact is true when offset is a byte
// of Text or the end of the logical line.
func (l *Logical) Index(offset int) (i int, exact bool) {
	for _, sg := range l.segs {
		switch {
		case offset < sg.src:
			return sg.text, false
		case offset < sg.src+sg.n:
			return sg.text + offset - sg.src, true
		}
	}
	return len(l.Text), offset == l.End || (len(l.segs) > 0 && offset == l.segs[len(l.segs)-1].src+l.segs[len(l.segs)-1].n)
}

// readLogical joins the lines of the instruction that starts on line first,
// following BuildKit's parser: leading whitespace of the first line is
// dropped, continuation lines keep theirs, comment lines and blank lines
// inside a continuation are skipped.
func readLogical(text string, lines *Lines, first int, escape byte) Logical {
	var segs []segment
	var empty []int
	size := 0
	line := first
	done := func(endLine, end int) Logical {
		l := Logical{segs: segs, EndLine: endLine, End: end, EmptyLines: empty}
		if len(segs) == 1 {
			l.Text = text[segs[0].src : segs[0].src+segs[0].n] // no copy for one line
		} else {
			var b strings.Builder
			b.Grow(size)
			for _, sg := range segs {
				b.WriteString(text[sg.src : sg.src+sg.n])
			}
			l.Text = b.String()
		}
		return l
	}
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
		if len(body) > 0 {
			segs = append(segs, segment{text: size, src: start + lead, n: len(body)})
			size += len(body)
		}
		if !continued {
			return done(line, start+lead+len(body))
		}
	}
	// The file ended inside a continuation.
	last := lines.Count() - 1
	return done(last, lines.End(last))
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
		for i < len(s) && IsBlank(s[i]) {
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
			case IsBlank(c):
				goto done
			}
			i++
		}
	done:
		spans = append(spans, [2]int{start, i})
	}
	return spans
}

// IsBlank reports whether c is a blank that separates words on a Dockerfile
// line, as BuildKit reads it.
func IsBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'
}
