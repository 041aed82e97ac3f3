package analysis

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/layerwise/layerwise/internal/benchgen"
	"github.com/layerwise/layerwise/internal/corpus"
)

// describe renders what a parse produced, for comparing two parses.
func describe(f *File) string {
	var b strings.Builder
	for _, in := range f.Instructions {
		prev := in.Node().PrevComment
		if len(f.Errors) > 0 {
			// After an error the whole-file parse blanks the rejected lines
			// and the comments above them drift to the next instruction;
			// the chunked parse keeps them with the rejected one.
			prev = nil
		}
		fmt.Fprintf(&b, "%s %s %v cmd=%T heredocs=%d prev=%q\n", in.Name, at(in.Range), in.Keyword.Text, in.Command(), len(in.Heredocs), prev)
		for _, a := range in.Args {
			fmt.Fprintf(&b, "  %q %s\n", a.Text, at(a.Range))
		}
		for _, fl := range in.Flags {
			fmt.Fprintf(&b, "  flag %q=%q %s %s %s\n", fl.Name, fl.Value, at(fl.Range), at(fl.NameRange), at(fl.ValueRange))
		}
		for _, h := range in.Heredocs {
			fmt.Fprintf(&b, "  heredoc %q %s %s\n", h.Name, at(h.Body), at(h.End))
		}
		l := in.Logical
		fmt.Fprintf(&b, "  logical %q end=%d endline=%d empty=%v line=%s src0=%d srcEnd=%d\n", l.Text, l.End, l.EndLine, l.EmptyLines, at(in.LineRange()), l.Source(0), l.SourceEnd(len(l.Text)))
	}
	for _, e := range f.Errors {
		// BuildKit picks among equally close suggestions at random.
		msg, _, _ := strings.Cut(e.Message, " (did you mean")
		fmt.Fprintf(&b, "error %s %s\n", at(e.Range), msg)
	}
	for _, st := range f.Stages {
		fmt.Fprintf(&b, "stage %d %q %d\n", st.Index, st.Name, len(st.Instructions))
	}
	fmt.Fprintf(&b, "escape %q empty %v\n", f.Escape, f.EmptyContinuations)
	return b.String()
}

func testFiles(t testing.TB) map[string]string { return corpus.Files(t, "..") }

// TestChunkedParseMatchesWholeFileParse holds the incremental parser to
// BuildKit's own reading of the file.
func TestChunkedParseMatchesWholeFileParse(t *testing.T) {
	for name, text := range testFiles(t) {
		chunked := ParseWith(text, NewCache())
		whole := parseWhole(text, NewLines(text))
		if got, want := describe(chunked), describe(whole); got != want {
			t.Errorf("%s: chunked parse differs from whole-file parse:\n--- chunked\n%s\n--- whole\n%s", name, got, want)
		}
	}
}

func TestCacheReusesUnchangedChunksAndForgetsOldOnes(t *testing.T) {
	c := NewCache()
	src := benchgen.Dockerfile(200)
	ParseWith(src, c)
	n := c.Len()
	edited := strings.Replace(src, `echo "built web 0"`, `echo "built web zero"`, 1)
	f := ParseWith(edited, c)
	if c.Len() != n {
		t.Errorf("cache holds %d chunks after an edit, want %d (the old chunk forgotten)", c.Len(), n)
	}
	if describe(f) != describe(parseWhole(edited, NewLines(edited))) {
		t.Error("a parse through a warm cache differs from a fresh one")
	}
}

func describeScript(s *Script) string {
	var b strings.Builder
	fmt.Fprintf(&b, "parsed=%v heredoc=%v exec=%v\n", s.Parsed, s.Heredoc, s.Exec)
	for _, c := range s.Commands {
		fmt.Fprintf(&b, "%q %s sudo=%v pipe=%v", c.Name.Text, at(c.Range), c.Sudo, c.Pipe)
		for _, group := range [][]ShellWord{c.Env, c.Prefix, c.Args} {
			for _, w := range group {
				fmt.Fprintf(&b, " [%q %s %v]", w.Text, at(w.Range), w.Literal)
			}
			b.WriteString(" |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestCachedScriptsMatchFreshOnes moves every instruction (a line inserted at
// the top, then text added to the first line) and checks the scripts taken
// from the cache and shifted equal scripts built from scratch.
func TestCachedScriptsMatchFreshOnes(t *testing.T) {
	src := benchgen.Dockerfile(300) + "RUN <<EOF\napt-get install -y curl\nEOF\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo $((1+2)) | tee /x\n"
	cache := NewCache()
	first := ParseWith(src, cache)
	for _, in := range first.Instructions {
		in.Shell(first)
	}
	for _, edited := range []string{"# a new first line\n" + src, "# a new first line with more text\n\n" + src} {
		f := ParseWith(edited, cache)
		for _, in := range f.Instructions {
			if in.chunk == nil {
				t.Fatal("instruction without its cached chunk")
			}
			got, want := describeScript(in.Shell(f)), describeScript(buildScript(f, in))
			if got != want {
				t.Fatalf("%s at line %d: cached script differs:\n--- cached\n%s--- fresh\n%s", in.Name, int(in.Range.Start.Line)+1, got, want)
			}
		}
	}
}

// afterTheFirstParse parses text through cache twice, with an edit at the
// end between, so that what the first parse made has been dropped (see
// TestTheFirstAnalysisIsNotKept), and returns the second parse.
func afterTheFirstParse(text string, cache *Cache) *File {
	ParseWith(text+"# opened\n", cache)
	return ParseWith(text, cache)
}

// TestTheFirstAnalysisIsNotKept: the first analysis of a document asks for
// every script and node; the parse after it drops them all, and what is
// asked for again is built again, equal.
func TestTheFirstAnalysisIsNotKept(t *testing.T) {
	text := "FROM alpine\nRUN apk add curl $X\nRUN echo one\n"
	cache := NewCache()
	first := ParseWith(text, cache)
	scripts := map[int]*Script{}
	for i, in := range first.Instructions {
		in.Node()
		scripts[i] = in.Shell(first)
	}
	f := ParseWith(text+"ENV X=1\n", cache)
	for i, in := range first.Instructions {
		if in.chunk.bk.Load() != nil || in.memo.get().placed.Load().script.Load() != nil {
			t.Fatalf("instruction %d: what the first analysis made is still held", i)
		}
	}
	for i := range first.Instructions {
		if got := f.Instructions[i].Shell(f); got == scripts[i] || describeScript(got) != describeScript(scripts[i]) {
			t.Fatalf("instruction %d: script asked for again: %s", i, describeScript(got))
		}
	}
	if got, want := describe(f), describe(ParseWith(f.Text, nil)); got != want {
		t.Fatalf("differs from a cold parse:\n%s\n---\n%s", got, want)
	}
}

// TestIdleScriptsAreDropped: an edit re-checks one stage, so the scripts
// of the others go unasked; they are dropped after maxIdleParses parses,
// while the script asked for on every parse stays, and a dropped one is
// built again, equal, when asked for.
func TestIdleScriptsAreDropped(t *testing.T) {
	text := "FROM alpine AS a\nRUN apk add curl > /log\n\nFROM a\nRUN echo one\n"
	cache := NewCache()
	f := afterTheFirstParse(text, cache)
	idle, busy := f.Instructions[1].Shell(f), f.Instructions[3].Shell(f)
	for i := 0; i <= maxIdleParses; i++ {
		f = ParseWith(text+strings.Repeat("ENV X=1\n", i+1), cache) // an edit after both RUNs
		if got := f.Instructions[3].Shell(f); got != busy {
			t.Fatalf("parse %d: the script asked for on every parse was built again", i)
		}
		if i < maxIdleParses && f.Instructions[1].memo.get().placed.Load().script.Load() != idle {
			t.Fatalf("parse %d: the unasked script was dropped before %d parses", i, maxIdleParses+1)
		}
	}
	in := f.Instructions[1]
	if in.memo.get().placed.Load().script.Load() != nil {
		t.Fatal("a script no analysis asked for is still held")
	}
	got := in.Shell(f)
	if got == idle {
		t.Fatal("the dropped script came back")
	}
	if describeScript(got) != describeScript(buildScript(f, in)) || describeScript(got) != describeScript(idle) {
		t.Fatalf("the script built again differs:\n%s", describeScript(got))
	}
}

// TestIdleBuildKitParsesAreDropped: the node and typed instruction of a
// chunk no parse or analysis asked for in maxIdleParses parses are dropped,
// and parsed again, equal, when asked for.
func TestIdleBuildKitParsesAreDropped(t *testing.T) {
	text := "FROM alpine AS a\n# a comment\nRUN --network=none apk add curl $EXTRA\n\nFROM a\nRUN echo one\n"
	cache := NewCache()
	f := afterTheFirstParse(text, cache)
	node, cmd := f.Instructions[1].Node(), f.Instructions[1].Command()
	for i := 0; i <= maxIdleParses; i++ {
		f = ParseWith(text+strings.Repeat("ENV X=1\n", i+1), cache) // an edit after both RUNs
		if f.Instructions[3].Node() == nil {
			t.Fatal("no node")
		}
		if i < maxIdleParses && f.Instructions[1].chunk.bk.Load() == nil {
			t.Fatalf("parse %d: dropped before %d parses", i, maxIdleParses+1)
		}
	}
	in := f.Instructions[1]
	if in.chunk.bk.Load() != nil {
		t.Fatal("a node no one asked for is still held")
	}
	if f.Instructions[3].chunk.bk.Load() == nil {
		t.Fatal("the node asked for on every parse was dropped")
	}
	again := in.Node()
	// Asked for once, it stays for the next analysis, as it did at first.
	if ParseWith(f.Text+"ENV Y=1\n", cache); in.chunk.bk.Load() == nil {
		t.Fatal("a node parsed again on request was dropped by the next parse")
	}
	if again == node {
		t.Fatal("the dropped node came back")
	}
	if !reflect.DeepEqual(again, node) || !reflect.DeepEqual(in.Command(), cmd) || cmd == nil {
		t.Fatalf("parsed again, it differs:\n%s %#v\n%s %#v", again.Dump(), in.Command(), node.Dump(), cmd)
	}
}

// TestNodesTheChecksDoNotNeedAreDropped: once the model is built, a RUN
// BuildKit does not expand keeps its typed instruction but not its node,
// which is parsed again, equal, when asked for.
func TestNodesTheChecksDoNotNeedAreDropped(t *testing.T) {
	cache := NewCache()
	f := ParseWith("FROM alpine\n# check=skip=JSONArgsRecommended\nRUN apk add curl\nRUN echo $HOME\n", cache)
	run, expanded := f.Instructions[1], f.Instructions[2]
	if b := run.chunk.bk.Load(); b == nil || b.node != nil || b.cmd == nil {
		t.Fatalf("a RUN without variables: got %+v, want its command without its node", b)
	}
	if b := expanded.chunk.bk.Load(); b == nil || b.node == nil {
		t.Fatal("a RUN with a variable lost the node BuildKit's dispatch reads")
	}
	if got := run.comments(); len(got) != 1 || !strings.Contains(got[0], "check=skip") {
		t.Fatalf("comments = %q", got)
	}
	cold := ParseWith(f.Text, nil).Instructions[1].Node()
	got := run.Node()
	if got.Value != cold.Value || got.Original != cold.Original || !reflect.DeepEqual(got.PrevComment, cold.PrevComment) || got.Next.Value != cold.Next.Value {
		t.Fatalf("parsed again, it differs:\n%s\n%s", got.Dump(), cold.Dump())
	}
}

// TestWarmCacheMatchesColdParse edits a file in many places through one
// cache and compares every parse with a parse from scratch, positions and
// all.
func TestWarmCacheMatchesColdParse(t *testing.T) {
	base := benchgen.Dockerfile(200) + "RUN a \\\n\n  b\nCOPY <<EOF /x\nhi\nEOF\n"
	cache := NewCache()
	edits := []func(string) string{
		func(s string) string { return "# top\n" + s },
		func(s string) string { return strings.Replace(s, "WORKDIR", "WORKDIR  ", 3) },
		func(s string) string { return strings.Replace(s, "\n", "\n\n", 5) },
		func(s string) string {
			return s[:len(s)/2] + "RUN --mount=type=cache,target=/x echo mid\n" + s[len(s)/2:]
		},
		func(s string) string { return strings.Replace(s, "# ---- ", "#", -1) },
	}
	text := base
	ParseWith(text, cache)
	for i, edit := range edits {
		text = edit(text)
		warm := ParseWith(text, cache)
		if got, want := describe(warm), describe(ParseWith(text, nil)); got != want {
			t.Fatalf("edit %d: warm parse differs from a cold one:\n--- warm\n%s\n--- cold\n%s", i, got, want)
		}
	}
}

// describeFindings renders an analysis for comparing two of them.
func describeFindings(fs []Finding) string {
	var b strings.Builder
	for _, fd := range fs {
		msg, _, _ := strings.Cut(fd.Message, " (did you mean")
		fmt.Fprintf(&b, "%s %s %d %s %+v %v\n", fd.Code, at(fd.Range), fd.Severity, msg, fd.Data, fd.Related)
	}
	return b.String()
}

// TestCacheHoldsNoSliceOfTheText: what the cache keeps outlives the
// version of the text it was made from, so none of it may be a slice of
// that text, or every version of a document would stay in memory.
func TestCacheHoldsNoSliceOfTheText(t *testing.T) {
	text := benchgen.Dockerfile(300)
	cache := NewCache()
	analyzeStandIn(ParseWith(text, cache))
	edited := strings.Replace(text, "RUN npm run build\n", "RUN npm run build:x\n", -1) + "ENV A=1\n"
	f := ParseWith(edited, cache)
	for _, in := range f.Instructions {
		in.Shell(f)
	}
	analyzeStandIn(f)
	start := uintptr(unsafe.Pointer(unsafe.StringData(f.Text)))
	inText := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return len(s) > 0 && p >= start && p < start+uintptr(len(f.Text))
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	for k, p := range cache.chunks {
		if inText(k.text) {
			t.Fatalf("chunk key %q is a slice of the text", k.text)
		}
		in := p.template.in
		if in == nil || in.chunkLine == 0 {
			continue // the first chunk is modelled afresh every time
		}
		strs := []string{in.Logical.Text, in.Keyword.Text}
		for _, a := range in.Args {
			strs = append(strs, a.Text)
		}
		for _, fl := range in.Flags {
			strs = append(strs, fl.Name, fl.Value)
		}
		for _, s := range strs {
			if inText(s) {
				t.Fatalf("%s at line %d: %q is a slice of the text", in.Name, int(in.Range.Start.Line)+1, s)
			}
		}
	}
	for k := range cache.buildkitStages {
		if inText(k.text) || inText(k.globals) {
			t.Fatalf("BuildKit stage key %q is a slice of the text", k.text)
		}
	}
}

// TestUnchangedStagesAreShared: after an edit, the stages before it are the
// previous File's own objects, shell scripts included, and the stage it
// touched and those after it are new.
func TestUnchangedStagesAreShared(t *testing.T) {
	text := benchgen.Dockerfile(300)
	cache := NewCache()
	prev := ParseWith(text, cache)
	for _, in := range prev.Instructions {
		in.Shell(prev)
	}
	mid := prev.Stages[len(prev.Stages)/2]
	at := int(mid.Instructions[1].Range.End.Offset)
	edited := text[:at] + " x" + text[at:]
	f := ParseWith(edited, cache)
	for i, st := range f.Stages {
		shared := st == prev.Stages[i]
		if want := i < mid.Index; shared != want {
			t.Errorf("stage %d: shared %v, want %v", i, shared, want)
		}
	}
	for _, in := range f.Stages[0].Instructions {
		if in.Name == "run" && in.Shell(f) != in.Shell(prev) {
			t.Errorf("line %d: the shell script of a shared instruction was built again", int(in.Range.Start.Line)+1)
		}
	}
	if got, want := describe(f), describe(ParseWith(edited, nil)); got != want {
		t.Fatalf("shared parse differs from a cold one:\n--- shared\n%s\n--- cold\n%s", got, want)
	}
}

// TestInstructionsBeforeTheEditKeepTheirMemos: in the stage an edit
// touched, the instructions before it are new objects but keep what the
// old ones worked out; those after it work it out again.
func TestInstructionsBeforeTheEditKeepTheirMemos(t *testing.T) {
	text := "FROM alpine\nRUN apk add curl\nWORKDIR /app\nRUN echo one\nRUN echo two\n"
	cache := NewCache()
	prev := ParseWith(text, cache)
	for _, in := range prev.Instructions {
		in.Shell(prev)
	}
	f := ParseWith(strings.Replace(text, "echo one", "echo 1", 1), cache) // what follows moves
	if f.Instructions[1] == prev.Instructions[1] {
		t.Fatal("the edited stage's instructions are the old objects")
	}
	if f.Instructions[1].Shell(f) != prev.Instructions[1].Shell(prev) {
		t.Error("RUN before the edit: its script was built again")
	}
	if f.Instructions[4].Shell(f) == prev.Instructions[4].Shell(prev) {
		t.Error("RUN after the edit: it shares the old script, which holds old positions")
	}
	if got, want := describe(f), describe(ParseWith(f.Text, nil)); got != want {
		t.Fatalf("differs from a cold parse:\n%s\n---\n%s", got, want)
	}
}

// TestAnInstructionTheEditExtendsKeepsNoMemo: an instruction whose
// continuation or heredoc ran to the end of the text is not over before
// the text that follows it, so what was worked out for it (its script)
// is not shared with the instruction the longer text makes of it.
func TestAnInstructionTheEditExtendsKeepsNoMemo(t *testing.T) {
	for _, tc := range []struct{ before, after string }{
		{"FROM a\nRUN apt-get update \\\n", "FROM a\nRUN apt-get update \\\n && apt-get install -y curl\n"},
		{"FROM a\nRUN apt-get update && \\\n", "FROM a\nRUN apt-get update && \\\n    apt-get install -y curl\nRUN b\n"},
		{"FROM a\nRUN <<EOF\napt-get update\n", "FROM a\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n"},
		{"FROM a\nRUN a \\\n\n", "FROM a\nRUN a \\\n\n  b\n"},
	} {
		cache := NewCache()
		prev := ParseWith(tc.before, cache)
		for _, in := range prev.Instructions {
			in.Shell(prev)
		}
		warm := ParseWith(tc.after, cache)
		cold := ParseWith(tc.after, nil)
		if len(warm.Instructions) != len(cold.Instructions) {
			t.Fatalf("%q: %d instructions warm, %d cold", tc.after, len(warm.Instructions), len(cold.Instructions))
		}
		for i, in := range warm.Instructions {
			got, want := commandNames(in.Shell(warm)), commandNames(cold.Instructions[i].Shell(cold))
			if got != want {
				t.Errorf("%q, instruction %d: commands %q through the cache, %q from scratch", tc.after, i, got, want)
			}
		}
	}
}

func commandNames(s *Script) string {
	var names []string
	for _, c := range s.Commands {
		names = append(names, c.Name.Text+" "+c.SubcommandText())
	}
	return strings.Join(names, ", ")
}
