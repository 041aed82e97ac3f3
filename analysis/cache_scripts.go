package analysis

import (
	"strings"
	"sync"
	"sync/atomic"
)

// Shell scripts are the costliest part of analysing a RUN, and an edit
// changes one instruction. So each script is kept with its instruction's
// chunk in the parse cache, with the place of the chunk it was made for; an
// instruction whose chunk is unchanged gets the script shifted to where the
// chunk now sits, without parsing any shell.

// scriptCache holds the latest script built or shifted for one chunk, by
// the SHELL in effect. Scripts are the largest part of a File's memos, and
// after the first analysis most stages are answered from the stage-rule
// memo without them; so a script no one asked for in maxIdleParses parses
// is dropped when the next parse ends (see forgetIdle), and built again if
// a later edit needs it.
type scriptCache struct {
	mu      sync.Mutex
	scripts map[string]*placedScript
	held    atomic.Bool // scripts is not empty: most chunks are not RUNs
}

// placedScript is a script and the place of the chunk it was made for.
// Instructions' memos point at it; forgetIdle empties it.
type placedScript struct {
	script    atomic.Pointer[Script]
	off, line int
	idle      atomic.Int32 // parses ended since an analysis last asked for it
}

// maxIdleParses is how many parses what the parse cache keeps for a chunk
// (its script, its BuildKit node and instruction) survives unasked: what
// the latest analyses used stays for the next one, which usually checks the
// same stage again. Two, so that what every other analysis asks for (an
// edit and its undo, a line broken and joined again) is not parsed again
// each time. After a first parse it is none (see Cache.forgetIdle).
const maxIdleParses = 2

// remembered is the script the memo holds, or points at while the cache
// holds it.
func (m *memoParts) remembered() *Script {
	if s := m.script.Load(); s != nil {
		return s
	}
	p := m.placed.Load()
	if p == nil {
		return nil
	}
	s := p.script.Load()
	if s != nil && p.idle.Load() != 0 {
		p.idle.Store(0)
	}
	return s
}

// cachedScript returns in's script: the chunk's script for this SHELL
// (shifted to where the chunk now sits), else a new one, and points the
// memo at it. The caller holds the memo's lock, so one instruction never
// has two scripts at once.
func (in *Instruction) cachedScript(f *File, m *memoParts) *Script {
	sc := &in.chunk.scripts
	key := strings.Join(f.ShellAt(in), "\x00")
	sc.mu.Lock()
	prev := sc.scripts[key]
	var from *Script
	if prev != nil {
		from = prev.script.Load()
	}
	sc.mu.Unlock()
	if from != nil && prev.off == in.chunkOff && prev.line == in.chunkLine {
		prev.idle.Store(0)
		m.placed.Store(prev)
		return from
	}
	var s *Script
	if from != nil {
		s = from.shifted(in.chunkOff-prev.off, in.chunkLine-prev.line)
	} else {
		s = buildScript(f, in)
	}
	p := &placedScript{off: in.chunkOff, line: in.chunkLine}
	p.script.Store(s)
	sc.mu.Lock()
	if sc.scripts == nil {
		sc.scripts = map[string]*placedScript{}
	}
	sc.scripts[key] = p
	sc.held.Store(true)
	sc.mu.Unlock()
	m.placed.Store(p)
	return s
}

// forgetIdle drops the scripts no one has asked for in more than maxIdle
// parses. Memos that point at them find them empty and ask again.
func (sc *scriptCache) forgetIdle(maxIdle int32) {
	if !sc.held.Load() {
		return
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for key, p := range sc.scripts {
		if p.idle.Add(1) > maxIdle {
			p.script.Store(nil)
			delete(sc.scripts, key)
		}
	}
	sc.held.Store(len(sc.scripts) > 0)
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
	return Pos{Offset: p.Offset + int32(off), Line: p.Line + int32(lines), Col: p.Col}
}
