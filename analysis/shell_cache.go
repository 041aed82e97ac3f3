package analysis

import (
	"strings"
	"sync"
)

// Shell scripts are the costliest part of analysing a RUN, and an edit
// changes one instruction. So each script is kept with its instruction's
// chunk in the parse cache, with the place of the chunk it was made for; an
// instruction whose chunk is unchanged gets the script shifted to where the
// chunk now sits, without parsing any shell.

// scriptCache holds the latest script built or shifted for one chunk, by
// the SHELL in effect.
type scriptCache struct {
	mu      sync.Mutex
	scripts map[string]placedScript
}

// placedScript is a script and the place of the chunk it belongs to.
type placedScript struct {
	script    *Script
	off, line int
}

// cachedScript returns in's script from the chunk's cache, or builds it and
// remembers it there.
func (in *Instruction) cachedScript(f *File) *Script {
	if in.chunk == nil {
		return buildScript(f, in)
	}
	key := strings.Join(f.ShellAt(in), "\x00")
	sc := &in.chunk.scripts
	sc.mu.Lock()
	prev, ok := sc.scripts[key]
	sc.mu.Unlock()
	var s *Script
	if ok {
		s = prev.script.shifted(in.chunkOff-prev.off, in.chunkLine-prev.line)
	} else {
		s = buildScript(f, in)
	}
	sc.mu.Lock()
	if sc.scripts == nil {
		sc.scripts = map[string]placedScript{}
	}
	sc.scripts[key] = placedScript{script: s, off: in.chunkOff, line: in.chunkLine}
	sc.mu.Unlock()
	return s
}

// shifted copies the script with every position moved by off bytes and
// lines lines. Columns do not change: chunks move by whole lines. The
// commands and their words are copied into one block each: a script is
// shifted for every RUN after an edit, on every keystroke.
func (s *Script) shifted(off, lines int) *Script {
	out := *s
	words := 0
	for _, c := range s.Commands {
		words += len(c.Args) + len(c.Env) + len(c.Prefix)
	}
	cmds := make([]Command, len(s.Commands))
	slab := make([]ShellWord, 0, words)
	shiftWords := func(ws []ShellWord) []ShellWord {
		if ws == nil {
			return nil
		}
		start := len(slab)
		for _, w := range ws {
			slab = append(slab, w.shifted(off, lines))
		}
		return slab[start:len(slab):len(slab)]
	}
	out.Commands = make([]*Command, len(s.Commands))
	for i, c := range s.Commands {
		nc := &cmds[i]
		*nc = *c
		nc.Name = c.Name.shifted(off, lines)
		nc.Args = shiftWords(c.Args)
		nc.Env = shiftWords(c.Env)
		nc.Prefix = shiftWords(c.Prefix)
		nc.Range = c.Range.shifted(off, lines)
		out.Commands[i] = nc
	}
	return &out
}

func (w ShellWord) shifted(off, lines int) ShellWord {
	w.Range = w.Range.shifted(off, lines)
	return w
}

func (r Range) shifted(off, lines int) Range {
	return Range{Start: r.Start.shifted(off, lines), End: r.End.shifted(off, lines)}
}

func (p Pos) shifted(off, lines int) Pos {
	return Pos{Offset: p.Offset + off, Line: p.Line + lines, Col: p.Col}
}
