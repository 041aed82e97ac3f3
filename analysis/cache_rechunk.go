package analysis

import "sort"

// An edit changes the text in one place: before it and after it the file
// is cut into the same chunks as last time (after it, some lines lower or
// higher). So the chunker starts from the previous parse's chunks: it keeps
// those that lie in the unchanged beginning, cuts the text from there, and
// as soon as a cut falls where a previous chunk began within the unchanged
// end, takes the remaining chunks and their parses from the previous parse,
// moved by the change in line count. Cutting restarts cleanly at every chunk
// boundary, so the chunks found this way are the ones splitChunks would find.

// reuseChunks cuts f into chunks and finds their parses, reusing prev's
// where the text is unchanged (the first same bytes, and the common end). keys are set for the chunks whose parse was
// looked up (or is missing); reused chunks have an empty key.
func (f *File) reuseChunks(prev *File, same int, cache *Cache) ([]chunk, []*chunkParse, []chunkKey) {
	if prev == nil || prev.chunks == nil || prev.Escape != f.Escape || prev.directiveEnd != f.directiveEnd {
		chunks := f.splitChunks()
		parses, keys := make([]*chunkParse, len(chunks)), make([]chunkKey, len(chunks))
		for i, c := range chunks {
			keys[i] = chunkKey{text: f.chunkText(c.first, c.last), escape: f.Escape}
			parses[i] = cache.lookup(keys[i])
		}
		return chunks, parses, keys
	}
	unchanged := commonSuffixLen(prev.Text, f.Text, min(len(prev.Text), len(f.Text))-same)
	tailStart := len(f.Text) - unchanged // offsets from here on are unchanged text
	delta := f.Lines.Count() - prev.Lines.Count()

	// The chunks wholly in the unchanged beginning, newline included, and
	// not at the end of the file (where an unterminated heredoc ends).
	head := 0
	for head < len(prev.chunks) {
		last := prev.chunks[head].last
		if last >= prev.Lines.Count()-1 || prev.Lines.End(last) >= same {
			break
		}
		head++
	}
	next := f.directiveEnd
	if head > 0 {
		next = prev.chunks[head-1].last + 1
	}
	var tail []chunk
	var tailParses []*chunkParse
	middle := f.splitChunksFrom(next, func(first int) bool {
		// Does a previous chunk begin here, in the unchanged end?
		if first == 0 || f.Lines.Start(first) < tailStart || first-delta >= prev.Lines.Count() ||
			prev.Lines.Start(first-delta) != f.Lines.Start(first)-(len(f.Text)-len(prev.Text)) {
			return false // not unchanged, or that line began elsewhere before
		}
		j := sort.Search(len(prev.chunks), func(j int) bool { return prev.chunks[j].first >= first-delta })
		if j == len(prev.chunks) || prev.chunks[j].first != first-delta {
			return false
		}
		for _, c := range prev.chunks[j:] {
			tail = append(tail, chunk{first: c.first + delta, last: c.last + delta, start: c.start + delta})
		}
		tailParses = prev.chunkParses[j:]
		return true
	})

	n := head + len(middle) + len(tail)
	chunks := append(append(append(make([]chunk, 0, n), prev.chunks[:head]...), middle...), tail...)
	parses := append(make([]*chunkParse, 0, n), prev.chunkParses[:head]...)
	keys := make([]chunkKey, n) // empty for the reused chunks
	for i, c := range middle {
		key := chunkKey{text: f.chunkText(c.first, c.last), escape: f.Escape}
		keys[head+i] = key
		parses = append(parses, cache.lookup(key))
	}
	parses = append(parses, tailParses...)
	cache.keep(prev.chunkParses[:head])
	cache.keep(tailParses)
	return chunks, parses, keys
}

// commonSuffixLen is the length of the longest common end of a and b, at
// most limit.
func commonSuffixLen(a, b string, limit int) int {
	n := 0
	for n < limit && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// keep marks the parses as used by this parse, so end does not drop them.
func (c *Cache) keep(parses []*chunkParse) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range parses {
		if p != nil {
			p.gen = c.gen
		}
	}
}
