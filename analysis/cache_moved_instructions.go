package analysis

import (
	"strings"
	"sync"
)

// An instruction whose chunk is unchanged since the last parse is not
// modelled again: the cache keeps, with the chunk, the instruction the
// latest parse made of it, and shifted() places a copy where the chunk now
// sits. Only offsets and line numbers move; columns stay, because chunks move
// by whole lines. Keeping the latest instruction rather than a private
// chunk-relative copy means the cache holds no second model of the file.

// template is the chunk's instruction in the latest parse that used it.
type template struct {
	mu sync.Mutex
	in *Instruction
}

// shifted copies the parts of an instruction that hold positions, moved by
// off bytes and lines lines. The copy has its own shell memo; Index, Stage
// and the chunk fields are the caller's to set.
func (in *Instruction) shifted(off, lines int) *Instruction {
	out := &Instruction{
		Name:     in.Name,
		Keyword:  in.Keyword.shifted(off, lines),
		Range:    in.Range.shifted(off, lines),
		Logical:  in.Logical.shifted(off, lines),
		Flags:    shiftedFlags(in.Flags, off, lines),
		Args:     make([]Word, len(in.Args)),
		Heredocs: make([]Heredoc, len(in.Heredocs)),
	}
	for i, a := range in.Args {
		out.Args[i] = a.shifted(off, lines)
	}
	for i, h := range in.Heredocs {
		h.Body, h.End = h.Body.shifted(off, lines), h.End.shifted(off, lines)
		out.Heredocs[i] = h
	}
	if t := in.OnBuild; t != nil {
		out.OnBuild = &Trigger{Keyword: t.Keyword.shifted(off, lines), Name: t.Name, Flags: shiftedFlags(t.Flags, off, lines)}
	}
	if in.Args == nil {
		out.Args = nil
	}
	if in.Heredocs == nil {
		out.Heredocs = nil
	}
	return out
}

func shiftedFlags(flags []Flag, off, lines int) []Flag {
	if flags == nil {
		return nil
	}
	out := make([]Flag, len(flags))
	for i, f := range flags {
		f.Range, f.NameRange, f.ValueRange = f.Range.shifted(off, lines), f.NameRange.shifted(off, lines), f.ValueRange.shifted(off, lines)
		out[i] = f
	}
	return out
}

func (w Word) shifted(off, lines int) Word {
	w.Range = w.Range.shifted(off, lines)
	return w
}

func (l Logical) shifted(off, lines int) Logical {
	out := Logical{
		Text:    l.Text,
		EndLine: l.EndLine + lines,
		End:     l.End + off,
		endPos:  l.endPos.shifted(off, lines),
	}
	if l.segs != nil {
		out.segs = make([]segment, len(l.segs))
		for i, sg := range l.segs {
			sg.src += off
			out.segs[i] = sg
		}
	}
	if l.EmptyLines != nil {
		out.EmptyLines = make([]int, len(l.EmptyLines))
		for i, n := range l.EmptyLines {
			out.EmptyLines[i] = n + lines
		}
	}
	return out
}

// instructionFor returns the model of the instruction of a parsed chunk:
// the cached template shifted into place, or a new one (then remembered).
func (f *File) instructionFor(index int, pn parsedNode) *Instruction {
	p := pn.chunk
	if p == nil || pn.chunkLine == 0 {
		// No cache, or the first chunk (which may start with a byte-order
		// mark its key does not hold): model it afresh.
		in := f.newInstruction(index, pn.buildkitNode(), pn.chunkLine, pn.log)
		in.chunk, in.chunkOff, in.chunkLine = pn.chunk, pn.chunkOff, pn.chunkLine
		if in.chunk != nil {
			in.node = nil // the cache holds it
		}
		return in
	}
	p.template.mu.Lock()
	tmpl := p.template.in
	p.template.mu.Unlock()
	var in *Instruction
	if tmpl == nil {
		log := readLogicalOnce(f, pn)
		// The template outlives this version of the text: its words must
		// not be slices of it, or every version would stay in memory.
		log.Text = strings.Clone(log.Text)
		in = f.newInstruction(index, pn.buildkitNode(), pn.chunkLine, &log)
		in.node = nil // the cache holds it
	} else {
		in = tmpl.shifted(pn.chunkOff-tmpl.chunkOff, pn.chunkLine-tmpl.chunkLine)
		in.Index = index
		for _, line := range in.Logical.EmptyLines {
			f.EmptyContinuations = append(f.EmptyContinuations, f.Lines.LineRange(line))
		}
	}
	in.chunk, in.chunkOff, in.chunkLine = pn.chunk, pn.chunkOff, pn.chunkLine
	p.template.mu.Lock()
	p.template.in = in
	p.template.mu.Unlock()
	return in
}

// readLogicalOnce is the logical line of the instruction, read by the
// chunker already or now.
func readLogicalOnce(f *File, pn parsedNode) Logical {
	if pn.log != nil {
		return *pn.log
	}
	return readLogical(f.Text, f.Lines, pn.chunkLine+pn.buildkitNode().StartLine-1, f.Escape)
}
