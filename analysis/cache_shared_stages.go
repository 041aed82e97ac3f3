package analysis

// An edit leaves the text before it unchanged, and so every stage that ends
// before it: same instructions, same positions, same parents. Such stages
// are not modelled again; the new File shares them, with their instructions
// and what was already worked out for them, with the File the cache built
// last. Shared objects are never written to after building: what is worked
// out later (the memos of cache_instruction_memo.go, a stage's WORKDIRs and creators) depends
// only on the stage and the stages before it.

// prefix counts the instructions and stages a File shares with the
// previous one, and the instructions whose memos it shares: those before
// the edit in the stage it touched, which are new objects (their stage
// is) but know what the previous ones knew.
type prefix struct{ instructions, stages, memos int }

// reusablePrefix finds the stages of prev that f can share: those whose
// text, and the whole FROM line of the stage after them (which closes
// them), lie in the first same bytes, which both texts have in common.
func (f *File) reusablePrefix(prev *File, same int, nodes []parsedNode) prefix {
	if prev == nil || prev.Escape != f.Escape || prev.directiveEnd != f.directiveEnd {
		return prefix{}
	}
	memos, chunk := 0, 0
	for memos < len(prev.Instructions) && memos < len(nodes) {
		in := prev.Instructions[memos]
		// The instruction's whole chunk, newline included, lies before the
		// edit, as the chunker requires of the chunks it keeps: the
		// instruction's own range can end before its chunk does (a
		// continuation or a heredoc that ran to the end of the text), and
		// text after it may then extend it.
		for chunk < len(prev.chunks) && prev.chunks[chunk].first < in.chunkLine {
			chunk++ // chunks BuildKit rejected hold no instruction
		}
		if !placedAlike(in, nodes[memos]) || chunk == len(prev.chunks) || prev.chunks[chunk].first != in.chunkLine ||
			prev.chunks[chunk].last >= prev.Lines.Count()-1 || prev.Lines.End(prev.chunks[chunk].last) >= same {
			break
		}
		memos++
	}
	stages := 0
	for stages+1 < len(prev.Stages) {
		next := prev.Stages[stages+1].From
		if prev.Lines.End(int(next.Range.End.Line)) >= same {
			break
		}
		stages++
	}
	if stages == 0 {
		return prefix{memos: memos}
	}
	n := prev.Stages[stages].From.Index
	if len(nodes) <= n {
		return prefix{memos: memos}
	}
	// The same text cut the same way gives the same chunks; this only
	// guards against a cut that differs all the same.
	for i, in := range prev.Instructions[:n] {
		if !placedAlike(in, nodes[i]) {
			return prefix{memos: memos}
		}
	}
	return prefix{instructions: n, stages: stages, memos: memos}
}

// placedAlike reports whether pn's chunk sits where in's did.
func placedAlike(in *Instruction, pn parsedNode) bool {
	return in.chunk != nil && pn.chunkOff == in.chunkOff && pn.chunkLine == in.chunkLine
}

// commonPrefixLen is the length of the longest common beginning of a and b.
func commonPrefixLen(a, b string) int {
	n := min(len(a), len(b))
	// Compare in blocks first: string equality is vectorised.
	const block = 4096
	i := 0
	for i+block <= n && a[i:i+block] == b[i:i+block] {
		i += block
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

func (c *Cache) latest() *File {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.latestFile
}

func (c *Cache) setLatest(f *File) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.latestFile = f
	c.mu.Unlock()
}
