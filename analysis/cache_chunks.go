package analysis

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// Incremental parsing. BuildKit's parser is most of the cost of analysing a
// Dockerfile, and an edit changes one instruction. So the file is cut into
// chunks — one instruction with the comment lines before it, its
// continuation lines and heredoc bodies — exactly where BuildKit's parser
// would cut it, and each chunk is parsed on its own. A Cache remembers the
// parse of every chunk by its text, so after an edit only the chunks whose
// text changed are parsed again; the others are reused wherever they moved.

// Cache remembers BuildKit's parse of instruction chunks by content. One
// cache serves one document; it is safe for concurrent use and keeps only
// what the latest parses used, so it never grows without bound.
type Cache struct {
	mu     sync.Mutex
	gen    int
	chunks map[chunkKey]*chunkParse

	latestFile *File // the latest File built from chunks (cache_shared_stages.go)
	firstGen   int   // the generation of the latest parse without a latestFile

	buildkitGen    int // BuildKit runs started (cache_buildkit.go)
	buildkitStages map[buildkitStageKey]*buildkitStageResult
	baseImages     map[baseImageKey]*baseImageResult

	// Stage rules' findings (cache_rules.go), for one rule list, configuration
	// and file name.
	ruleGen      int
	ruleConfig   *Config
	ruleFilename string
	ruleList     []*Rule
	ruleStages   map[ruleStageKey]*ruleStageEntry
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{chunks: map[chunkKey]*chunkParse{}} }

type chunkKey struct {
	text   string
	escape byte
}

// chunkParse is what BuildKit made of one chunk: its node and typed
// instruction (or cmdErr), or the parser's error. Node and instruction are
// most of the memory of a parse, and after the first analysis only the
// stages an edit touches read them; so they are dropped when no parse or
// analysis has asked for them in maxIdleParses parses, and parsed again
// from text when asked. Once the model is built, only a few instructions
// need their node at all (keepNode), so the others drop it at the end of
// the parse.
type chunkParse struct {
	text     string // the chunk, to parse again
	escape   byte
	bk       atomic.Pointer[bkParse]
	bkIdle   atomic.Int32 // parses ended since bk was last asked for
	keyword  string       // the node's Value, kept for the casing check
	typed    bool         // bk.cmd is not nil
	comments []string     // the node's PrevComment (check=skip=... directives)
	keepNode bool         // the checks read the node: see needsNode
	cmdErr   error
	err      error // the parser rejected the chunk
	errLine  [2]int
	gen      int
	swept    int         // the generation whose parse last aged it
	scripts  scriptCache // the shell scripts of the instruction, chunk-relative
	template template    // the instruction's model, chunk-relative
}

// bkParse is BuildKit's node for a chunk, its lines counting from the
// chunk's first line (1-based), and the typed instruction (nil when
// BuildKit rejected it).
type bkParse struct {
	node *parser.Node
	cmd  any
}

func newChunkParse(node *parser.Node) *chunkParse {
	p := &chunkParse{keyword: node.Value, comments: node.PrevComment, keepNode: needsNode(node)}
	var cmd any
	cmd, p.cmdErr = modelInstruction(node)
	if p.cmdErr != nil {
		cmd = nil
	}
	p.typed = cmd != nil
	p.bk.Store(&bkParse{node: node, cmd: cmd})
	return p
}

// needsNode reports whether the BuildKit checks read the node of the
// instruction beyond its keyword and comments: FROM (its arguments as
// BuildKit split them) and what BuildKit expands (dispatch parses such an
// instruction again from its node). ARGs keep theirs too: the first chunk
// of a file is modelled from its node on every parse, and often is one.
func needsNode(node *parser.Node) bool {
	switch strings.ToLower(node.Value) {
	case "from", "arg", "env", "workdir":
		return true
	}
	if len(node.Heredocs) > 0 {
		return true
	}
	for n := node.Next; n != nil; n = n.Next {
		if strings.ContainsRune(n.Value, '$') {
			return true
		}
	}
	for _, fl := range node.Flags {
		if strings.ContainsRune(fl, '$') {
			return true
		}
	}
	return false
}

// buildkit returns the chunk's typed instruction, and its node unless it
// was dropped (see node), parsing the chunk again if both were.
func (p *chunkParse) buildkit() *bkParse {
	if b := p.bk.Load(); b != nil {
		if p.bkIdle.Load() != 0 {
			p.bkIdle.Store(0)
		}
		return b
	}
	again := parseChunkText(p.text, p.escape)
	if again == nil || again.err != nil {
		return &bkParse{} // cannot happen: the same text parsed before
	}
	p.bk.CompareAndSwap(nil, again.bk.Load())
	p.bkIdle.Store(0) // asked for now: it stays for the next analysis
	return p.bk.Load()
}

// node returns the chunk's node, parsing the chunk again if it was dropped.
func (p *chunkParse) node() *parser.Node {
	b := p.buildkit()
	if b.node != nil {
		return b.node
	}
	again := parseChunkText(p.text, p.escape)
	if again == nil || again.err != nil {
		return &parser.Node{} // cannot happen: the same text parsed before
	}
	full := &bkParse{node: again.bk.Load().node, cmd: b.cmd}
	p.bk.CompareAndSwap(b, full) // until the parse after this one ends
	return full.node
}

// forgetIdle drops the node and typed instruction when no one asked for
// them in more than maxIdle parses, and the node alone when the checks do
// not need it; and ages the scripts likewise.
func (p *chunkParse) forgetIdle(maxIdle int32) {
	if p.text == "" {
		return // not in a cache: nothing to parse again from
	}
	if b := p.bk.Load(); b != nil {
		switch {
		case p.bkIdle.Add(1) > maxIdle:
			p.bk.Store(nil)
		case b.node != nil && !p.keepNode:
			p.bk.CompareAndSwap(b, &bkParse{cmd: b.cmd})
		}
	}
	p.scripts.forgetIdle(maxIdle)
}

// chunk is a span of whole lines [first, last] holding one instruction.
type chunk struct {
	first, last int
	start       int // the instruction's first line
}

// logicalEnd finds the line on which the instruction starting on line first
// ends, as readLogical would, without building its text; heredoc reports
// that the lines hold "<<".
func (f *File) logicalEnd(first int) (end int, heredoc bool) {
	for line := first; line < f.Lines.Count(); line++ {
		content := strings.TrimRight(f.Text[f.Lines.Start(line):f.Lines.End(line)], "\r")
		if line > first {
			trimmed := strings.TrimLeft(content, " \t\v\f\r")
			if trimmed == "" || trimmed[0] == '#' {
				continue
			}
		}
		heredoc = heredoc || strings.Contains(content, "<<")
		if _, continued := trimContinuation(content, f.Escape); !continued {
			return line, heredoc
		}
	}
	return f.Lines.Count() - 1, heredoc
}

// chunkPrefix starts every chunk (the file's own directives are read by
// parseDirectives and are in no chunk): it sets the file's escape token and
// ends directive parsing (an empty comment is no directive), so a
// `# check=...` comment inside the file stays a comment, as in a whole-file
// parse.
func chunkPrefix(escape byte) string {
	if escape == '\\' {
		// BuildKit's default: naming it would cost a second compilation
		// of its continuation regexp on every call.
		return "#\n#\n"
	}
	return "# escape=" + string(escape) + "\n#\n"
}

const chunkPrefixLines = 2

// splitChunks cuts the file into instruction chunks the way BuildKit's
// parser reads it: comment and blank lines are skipped (and belong to the
// next instruction), an instruction runs to the end of its continuation
// lines, then through the bodies of its heredocs.
func (f *File) splitChunks() []chunk {
	return f.splitChunksFrom(f.directiveEnd, nil)
}

// splitChunksFrom cuts from line next on. Before each chunk it asks
// stop(first) whether the caller takes over from that line.
func (f *File) splitChunksFrom(next int, stop func(first int) bool) []chunk {
	var chunks []chunk
	if stop != nil && next < f.Lines.Count() && stop(next) {
		return nil
	}
	for line := next; line < f.Lines.Count(); line++ {
		if f.skipped(line) {
			continue
		}
		// Most instructions: find where the logical line ends without
		// building it; heredocs need its words.
		last, heredoc := f.logicalEnd(line)
		if heredoc {
			log := readLogical(f.Text, f.Lines, line, f.Escape)
			if heredocCommand(log.Text) && strings.Contains(log.Text, "<<") {
				last = f.heredocEnd(log.Text, last)
			}
		}
		chunks = append(chunks, chunk{first: next, last: last, start: line})
		next = last + 1
		line = last
		if stop != nil && next < f.Lines.Count() && stop(next) {
			break
		}
	}
	return chunks
}

// skipped reports whether BuildKit skips line between instructions: it is
// blank or a comment.
func (f *File) skipped(line int) bool {
	content := f.LineText(line)
	if line == 0 {
		content = strings.TrimPrefix(content, "\uFEFF")
	}
	t := strings.TrimLeft(content, " \t\v\f\r\u0085\u00A0")
	return t == "" || t[0] == '#'
}

// heredocCommand reports whether BuildKit reads heredocs for the
// instruction: RUN, COPY and ADD, also behind ONBUILD.
func heredocCommand(logical string) bool {
	name := strings.ToLower(firstWord(logical))
	if name == "onbuild" {
		name = strings.ToLower(firstWord(strings.TrimLeft(logical, " \t")[len("onbuild"):]))
	}
	return name == "run" || name == "copy" || name == "add"
}

func firstWord(s string) string {
	s = strings.TrimLeft(s, " \t")
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i]
	}
	return s
}

// heredocEnd returns the line of the last heredoc terminator of an
// instruction whose logical line ends on line end, or the last line of the
// file when a heredoc is not terminated (BuildKit reports that).
func (f *File) heredocEnd(logical string, end int) int {
	if strings.HasPrefix(strings.TrimSpace(strings.TrimLeft(logical[len(firstWord(logical)):], " \t")), "[") {
		return end // exec form: BuildKit reads no heredoc
	}
	lex := shell.NewLex('\\')
	lex.RawQuotes, lex.RawEscapes, lex.SkipUnsetEnv = true, true, true
	words, _ := lex.ProcessWords(logical, shell.EnvsFromSlice(nil))
	line := end + 1
	for _, w := range words {
		doc, err := parser.ParseHeredoc(w)
		if err != nil || doc == nil {
			continue
		}
		line = f.heredocTerminator(line, doc.Name, doc.Chomp)
		if line >= f.Lines.Count() {
			return f.Lines.Count() - 1
		}
		line++
	}
	return line - 1
}

// chunkText is the source of a chunk, as its cache key.
func (f *File) chunkText(first, last int) string {
	text := f.Text[f.Lines.Start(first):f.Lines.End(last)]
	if first == 0 {
		text = strings.TrimPrefix(text, "\uFEFF") // BuildKit drops a BOM
	}
	return text
}

func (c *Cache) lookup(key chunkKey) *chunkParse {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.chunks[key]
	if p != nil {
		p.gen = c.gen
	}
	return p
}

func (c *Cache) store(key chunkKey, p *chunkParse) {
	if c == nil {
		return
	}
	// The key is copied: a slice of the text would keep this whole version
	// of the document in memory as long as the chunk is unchanged.
	key.text = strings.Clone(key.text)
	p.text, p.escape = key.text, key.escape
	c.mu.Lock()
	p.gen = c.gen
	c.chunks[key] = p
	c.mu.Unlock()
}

// parseChunk parses one chunk with BuildKit.
func (f *File) parseChunk(c chunk) *chunkParse {
	p := parseChunkText(f.chunkText(c.first, c.last), f.Escape)
	if p != nil && p.err != nil && strings.Contains(p.err.Error(), "unterminated heredoc") && c.last != f.Lines.Count()-1 {
		return nil // BuildKit saw a heredoc the cut did not
	}
	return p
}

// parseChunkText parses the text of one chunk with BuildKit; nil when it
// is not one instruction.
func parseChunkText(text string, escape byte) *chunkParse {
	src, shift := chunkPrefix(escape)+text, chunkPrefixLines
	res, err := parser.Parse(strings.NewReader(src))
	switch {
	case err != nil:
		p := &chunkParse{err: err}
		if first, last, ok := errorLines(err); ok {
			p.errLine = [2]int{first - shift, last - shift}
		}
		return p
	case len(res.AST.Children) != 1:
		return nil // the chunk was not cut where BuildKit would cut it
	}
	node := res.AST.Children[0] // this parse's own: moved in place
	node.StartLine -= shift
	node.EndLine -= shift
	return newChunkParse(node)
}

// parseBatch parses a run of consecutive chunks with one call to BuildKit
// (each call costs two regexp compilations, which dominate small chunks).
// It returns nil when the run does not parse cleanly into one instruction
// per chunk; the chunks are then parsed one by one.
func (f *File) parseBatch(cs []chunk) []*chunkParse {
	first := cs[0].first
	src := chunkPrefix(f.Escape) + f.chunkText(first, cs[len(cs)-1].last)
	res, err := parser.Parse(strings.NewReader(src))
	if err != nil || len(res.AST.Children) != len(cs) {
		return nil
	}
	out := make([]*chunkParse, len(cs))
	for k, child := range res.AST.Children {
		shift := chunkPrefixLines + cs[k].first - first
		node := child // this parse's own: moved in place
		node.StartLine -= shift
		node.EndLine -= shift
		if node.StartLine != cs[k].start-cs[k].first+1 || node.EndLine != cs[k].last-cs[k].first+1 {
			return nil
		}
		out[k] = newChunkParse(node)
	}
	return out
}

// begin starts a parse generation; end drops what the generation did not use.
func (c *Cache) begin() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.gen++
	c.mu.Unlock()
}

func (c *Cache) end() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	forgetOlder(c.chunks, c.gen)
}

// forgetIdle ages the chunks a parse used, each once: the file may use one
// chunk in many places, and the cache's map holds only one of several
// chunks with the same text. The first analysis of a document checks every
// stage, so what it used says nothing of what the next one needs (an edit
// touches one stage): the parse after a first one drops all of it, which
// spares the process holding a whole file's scripts and BuildKit parses
// while the edits begin.
func (c *Cache) forgetIdle(parses []*chunkParse, first bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	maxIdle := int32(maxIdleParses)
	switch {
	case first:
		c.firstGen = c.gen
	case c.gen == c.firstGen+1:
		maxIdle = 0
	}
	for _, p := range parses {
		if p.swept != c.gen {
			p.swept = c.gen
			p.forgetIdle(maxIdle)
		}
	}
}

func (p *chunkParse) lastUsed() int { return p.gen }

// forgetOlder deletes the entries of a cache map that no run from
// generation gen on has used: what the latest parses and analyses did not
// need is dropped, so a cache never grows without bound.
func forgetOlder[K comparable, V interface{ lastUsed() int }](m map[K]V, gen int) {
	for k, v := range m {
		if v.lastUsed() < gen {
			delete(m, k)
		}
	}
}

// Len is the number of chunks the cache holds.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.chunks)
}

// parseChunks builds the file from its chunks. It reports false when a
// chunk does not parse as exactly one instruction, so the caller falls back
// to parsing the whole file.
func (f *File) parseChunks(cache *Cache) bool {
	cache.begin()
	defer cache.end()
	prev := cache.latest()
	same := 0 // how much of the text is as prev had it
	if prev != nil {
		same = commonPrefixLen(prev.Text, f.Text)
	}
	chunks, parses, keys := f.reuseChunks(prev, same, cache)
	// Parse each run of chunks the cache does not know in one go.
	for i := 0; i < len(chunks); {
		if parses[i] != nil {
			i++
			continue
		}
		j := i
		for j < len(chunks) && parses[j] == nil {
			j++
		}
		// A lone chunk (what an edit leaves) is parsed once, not as a
		// batch first and again on its own when it holds an error.
		var batch []*chunkParse
		if j-i > 1 {
			batch = f.parseBatch(chunks[i:j])
		}
		for k := i; k < j; k++ {
			if batch != nil {
				parses[k] = batch[k-i]
			} else if parses[k] = f.parseChunk(chunks[k]); parses[k] == nil {
				return false
			}
			cache.store(keys[k], parses[k])
		}
		i = j
	}
	parsed := make([]parsedNode, 0, len(chunks))
	for i, c := range chunks {
		p := parses[i]
		if p.err != nil {
			first, last := p.errLine[0]+c.first, p.errLine[1]+c.first
			if last >= f.Lines.Count() {
				last = f.Lines.Count() - 1
			}
			if first < 0 || first > last {
				first, last = c.start, c.last
			}
			f.addError(f.trimmedLines(first, last), p.err)
			continue
		}
		parsed = append(parsed, parsedNode{err: p.cmdErr,
			chunk: p, chunkOff: f.Lines.Start(c.first), chunkLine: c.first})
	}
	f.chunks, f.chunkParses = chunks, parses
	f.build(parsed, prev, f.reusablePrefix(prev, same, parsed))
	f.mergeUnknownRuns()
	cache.forgetIdle(parses, prev == nil)
	cache.setLatest(f)
	return true
}
