package analysis

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// File is the analysed model of one version of a Dockerfile. It is built once
// by Parse and never changed afterwards, so every request about that version
// can share it.
type File struct {
	Text         string
	Lines        *Lines
	Escape       byte
	Directives   []Directive
	Instructions []*Instruction
	Stages       []*Stage
	// MetaArgs are the ARG instructions before the first FROM.
	MetaArgs []*Instruction
	// Errors are the syntax errors: every instruction BuildKit rejects.
	Errors []Finding
	// directiveEnd is the first line after the parser directives.
	directiveEnd int
	// EmptyContinuations are the blank lines inside a continuation, which
	// BuildKit warns about (NoEmptyContinuation).
	EmptyContinuations []Range

	// The chunks the file was cut into and their parses, when it was
	// parsed through a cache (the next parse starts from them).
	chunks      []chunk
	chunkParses []*chunkParse

	buildkit buildkitChecks // BuildKit check results, computed on first use
	cache    *Cache         // the document's cache, or nil
	parents  parentsMemo    // each stage's parent stage, computed on first use
}

// Directive is a parser directive at the top of the file (`# escape=\“).
type Directive struct {
	Name       string // lower-case: syntax, escape, check
	Value      string
	Range      Range // the whole comment line
	NameRange  Range
	ValueRange Range
}

// Word is a token of an instruction with its exact place in the file.
type Word struct {
	Text  string
	Range Range
}

// Flag is a `--name=value` option of an instruction.
type Flag struct {
	Name       string // without the leading dashes
	Value      string
	HasValue   bool
	Range      Range // the whole `--name=value`
	NameRange  Range // `--name`
	ValueRange Range
}

// Heredoc is a here-document attached to RUN, COPY or ADD.
type Heredoc struct {
	Name    string
	Content string
	Expand  bool
	Chomp   bool
	Body    Range // the lines between the marker line and the terminator
	End     Range // the terminator line
}

// Trigger is the instruction an ONBUILD registers: its keyword (the first
// argument of the ONBUILD), lower-case name and flags. Its arguments are
// the ONBUILD's after them.
type Trigger struct {
	Keyword Word
	Name    string
	Flags   []Flag
}

// Runs reports whether the instruction runs a command in a build: a RUN,
// or an ONBUILD RUN (in every build FROM this image). Shell and RunMounts
// read both alike.
func (in *Instruction) Runs() bool {
	return in.Name == "run" || in.OnBuild != nil && in.OnBuild.Name == "run"
}

// runFlags are the flags of the RUN the instruction runs.
func (in *Instruction) runFlags() []Flag {
	if in.OnBuild != nil {
		return in.OnBuild.Flags
	}
	return in.Flags
}

// Instruction is one Dockerfile instruction.
type Instruction struct {
	Index   int
	Name    string // lower-case command name: "run", "from", ...
	Keyword Word   // the command as written
	Flags   []Flag
	Args    []Word // the words after the flags on the instruction line
	// Range covers the whole instruction including continuation lines and
	// heredoc bodies.
	Range    Range
	Logical  Logical
	Heredocs []Heredoc
	// OnBuild is, for ONBUILD, the instruction it registers (nil
	// otherwise): it runs at the start of every build FROM this image.
	OnBuild *Trigger
	memo    lazyMemo // what is worked out about it on first use (cache_instruction_memo.go)
	// chunk is the cached parse this instruction came from; chunkOff and
	// chunkLine place the chunk in this file (see cache_scripts.go).
	chunk     *chunkParse
	chunkOff  int
	chunkLine int
	// node and command are BuildKit's parse of an instruction parsed
	// without the cache; the cache holds them for the others (Node).
	node    *parser.Node
	command any
	Stage   *Stage // nil for ARGs before the first FROM
}

// Node is BuildKit's parse of the instruction. It may be the parse cache's,
// so its StartLine and EndLine count from the first line of the
// instruction's chunk, not of the file: use Range.
func (in *Instruction) Node() *parser.Node {
	if in.chunk != nil {
		return in.chunk.node()
	}
	return in.node
}

// comments are the comment lines BuildKit attached to the instruction
// (its node's PrevComment).
func (in *Instruction) comments() []string {
	if in.chunk != nil {
		return in.chunk.comments
	}
	return in.node.PrevComment
}

// buildkitKeyword is the command word as BuildKit read it, and whether
// BuildKit made a typed instruction of it: what the whole-file casing check
// needs, without the nodes the cache may have dropped.
func (in *Instruction) buildkitKeyword() (word string, typed bool) {
	if in.chunk != nil {
		return in.chunk.keyword, in.chunk.typed
	}
	return in.node.Value, in.command != nil
}

// Command is BuildKit's typed instruction (*instructions.RunCommand, ...),
// or nil when BuildKit rejected it.
func (in *Instruction) Command() any {
	if in.chunk != nil {
		return in.chunk.buildkit().cmd
	}
	return in.command
}

// ArgsRange covers the instruction's arguments (after the flags) on its
// logical line; for an instruction without arguments it is the keyword.
func (in *Instruction) ArgsRange() Range {
	if len(in.Args) == 0 {
		return in.Keyword.Range
	}
	return Range{Start: in.Args[0].Range.Start, End: in.Args[len(in.Args)-1].Range.End}
}

// LineRange covers the instruction line from its keyword to the end of its
// logical line, leaving out heredoc bodies.
func (in *Instruction) LineRange() Range {
	return Range{Start: in.Keyword.Range.Start, End: in.Logical.endPos}
}

// Flag returns the first flag with the given name.
func (in *Instruction) Flag(name string) (Flag, bool) {
	for _, f := range in.Flags {
		if f.Name == name {
			return f, true
		}
	}
	return Flag{}, false
}

// Stage is a build stage: a FROM and the instructions up to the next FROM.
type Stage struct {
	Index         int
	Name          string // as written after AS; "" when unnamed
	NameWord      *Word
	AsWord        *Word
	Base          Word // the image reference after FROM (and its flags)
	From          *Instruction
	Instructions  []*Instruction // FROM first
	dirs          dirsMemo       // the WORKDIR and SHELL at each instruction (stages.go)
	creationsMemo creationIndex  // the paths its instructions create, indexed (paths.go)
}

// Final reports whether the stage is the last one in the file.
func (s *Stage) Final(f *File) bool { return s.Index == len(f.Stages)-1 }

// Parse builds the model of text. It never fails: what BuildKit rejects is
// reported in File.Errors, and parsing resumes after the rejected lines so one
// bad instruction does not hide the rest.
func Parse(text string) *File { return ParseWith(text, nil) }

// ParseWith is Parse reusing, from cache, BuildKit's parse of every
// instruction whose text has not changed since the cache last saw it. The
// result is the same as Parse's.
func ParseWith(text string, cache *Cache) *File {
	if len(text) > MaxText {
		return tooLarge(text)
	}
	f := &File{Text: text, Lines: NewLines(text), Escape: '\\'}
	f.parseDirectives()
	if !f.parseChunks(cache) {
		// A chunk that is not one instruction means the cut was wrong:
		// parse the whole file, as BuildKit does.
		f = parseWhole(text, f.Lines)
	}
	f.cache = cache
	return f
}

// mergeUnknownRuns reports a run of unknown instructions on consecutive
// lines as one error. Such a run is almost always the rest of the
// instruction above it, cut off by a missing `\` (a JSON array written one
// element per line), and one error per line would bury the one mistake.
func (f *File) mergeUnknownRuns() {
	var out []Finding
	for i := 0; i < len(f.Errors); {
		j := i + 1
		if unknownInstruction(f.Errors[i]) {
			for j < len(f.Errors) && unknownInstruction(f.Errors[j]) &&
				f.onlyCommentsBetween(int(f.Errors[j-1].Range.End.Line), int(f.Errors[j].Range.Start.Line)) {
				j++
			}
		}
		if j-i == 1 {
			out = append(out, f.Errors[i])
			i = j
			continue
		}
		first, last := f.Errors[i], f.Errors[j-1]
		merged := first
		if in := f.InstructionAt(int(last.Range.Start.Offset)); in != nil {
			merged.Range.End = in.LineRange().End
		}
		merged.Message += fmt.Sprintf(" (and %d more lines like it below)", j-i-1)
		if above := f.instructionEndingAbove(int(first.Range.Start.Line)); above != nil {
			merged.Message += fmt.Sprintf(": they look like the rest of the %s on line %d; an instruction continues on the next line only after a %c at the end of its line",
				strings.ToUpper(above.Name), above.Range.Start.Line+1, f.Escape)
		}
		out = append(out, merged)
		i = j
	}
	f.Errors = out
}

func unknownInstruction(fd Finding) bool {
	return fd.Code == "syntax" && strings.HasPrefix(fd.Message, "unknown instruction:")
}

// onlyCommentsBetween reports whether the lines strictly between a and b
// are blank or comments.
func (f *File) onlyCommentsBetween(a, b int) bool {
	if b <= a {
		return false
	}
	for line := a + 1; line < b; line++ {
		if !f.skipped(line) {
			return false
		}
	}
	return true
}

// instructionEndingAbove is the instruction that ends on the last line
// before line that is not blank or a comment, if that instruction parsed.
func (f *File) instructionEndingAbove(line int) *Instruction {
	for line--; line >= 0 && f.skipped(line); line-- {
	}
	if line < 0 {
		return nil
	}
	// An instruction's range runs to the end of its last line.
	in := f.InstructionAt(f.Lines.End(line))
	if in == nil || int(in.Range.End.Line) != line || in.Command() == nil {
		return nil
	}
	return in
}

// MaxText is the largest text Parse reads: positions are 32-bit.
const MaxText = math.MaxInt32

// tooLarge is the File of a text over MaxText: no instructions, one error.
func tooLarge(text string) *File {
	f := &File{Text: "", Lines: NewLines(""), Escape: '\\'}
	f.addError(Range{}, fmt.Errorf("the file is %d bytes; layerwise reads Dockerfiles of up to %d", len(text), MaxText))
	return f
}

// parseWhole parses the file in one piece with BuildKit's parser.
func parseWhole(text string, lines *Lines) *File {
	f := &File{Text: text, Lines: lines, Escape: '\\'}
	f.parseDirectives()
	f.Errors = nil // BuildKit reports bad directives itself here
	if res := f.parseAST(); res != nil {
		if res.EscapeToken == '`' {
			f.Escape = '`'
		}
		nodes := make([]parsedNode, len(res.AST.Children))
		for i, n := range res.AST.Children {
			cmd, err := modelInstruction(n)
			nodes[i] = parsedNode{node: n, cmd: cmd, err: err}
		}
		f.build(nodes, nil, prefix{})
	}
	f.mergeUnknownRuns()
	return f
}

// parsedNode is one instruction as BuildKit parsed it.
type parsedNode struct {
	node *parser.Node // whole-file parse only: the cache holds the chunks'
	cmd  any          // likewise
	err  error
	log  *Logical // already read by the chunker, or nil
	// The cached chunk the instruction came from and where that chunk
	// starts in this file (nil for a whole-file parse).
	chunk     *chunkParse
	chunkOff  int
	chunkLine int
}

// buildkitNode is BuildKit's parse of the instruction; its line numbers
// count from chunkLine.
func (pn parsedNode) buildkitNode() *parser.Node {
	if pn.chunk != nil {
		return pn.chunk.node()
	}
	return pn.node
}

// parseAST runs BuildKit's parser, blanking each range it rejects and trying
// again, so that every syntax error is reported, not only the first.
func (f *File) parseAST() *parser.Result {
	work := []byte(f.Text)
	for attempt := 0; attempt <= f.Lines.Count(); attempt++ {
		res, err := parser.Parse(strings.NewReader(string(work)))
		if err == nil {
			return res
		}
		if isEmptyFileError(err) {
			return nil // comments only: nothing to report, as for a new file
		}
		first, last, ok := errorLines(err)
		if !ok || first >= f.Lines.Count() {
			f.addError(f.Lines.LineRange(0), err)
			return nil
		}
		if last >= f.Lines.Count() {
			last = f.Lines.Count() - 1
		}
		f.addError(f.trimmedLines(first, last), err)
		blankLines(work, f.Lines, first, last)
	}
	return nil
}

func isEmptyFileError(err error) bool {
	return strings.Contains(err.Error(), "file with no instructions")
}

// errorLines extracts the 0-based line span of a BuildKit location error.
func errorLines(err error) (first, last int, ok bool) {
	var le *parser.LocationError
	if !errors.As(err, &le) || len(le.Locations) == 0 || len(le.Locations[0]) == 0 {
		return 0, 0, false
	}
	loc := le.Locations[0]
	first = loc[0].Start.Line - 1
	last = loc[len(loc)-1].End.Line - 1
	if first < 0 {
		first = 0
	}
	if last < first {
		last = first
	}
	return first, last, true
}

// blankLines overwrites lines first..last with spaces, keeping every offset.
func blankLines(work []byte, lines *Lines, first, last int) {
	for i := lines.Start(first); i < lines.End(last); i++ {
		if work[i] != '\n' && work[i] != '\r' {
			work[i] = ' '
		}
	}
}

// trimmedLines is the range of lines first..last without leading blanks.
func (f *File) trimmedLines(first, last int) Range {
	start := f.Lines.Start(first)
	for start < f.Lines.End(first) && IsBlank(f.Text[start]) {
		start++
	}
	end := f.Lines.End(last)
	for end > start && (IsBlank(f.Text[end-1])) {
		end--
	}
	return f.Lines.Range(start, end)
}

func (f *File) addError(r Range, err error) { f.addErrorMessage(r, cleanError(err)) }

func (f *File) addErrorMessage(r Range, msg string) {
	f.Errors = append(f.Errors, Finding{
		Code:     "syntax",
		Source:   SourceLayerwise,
		Severity: SeverityError,
		Message:  msg,
		Range:    r,
	})
}

// cleanError drops BuildKit's stack-trace wrapping from an error message.
func cleanError(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "dockerfile parse error: ")
	return msg
}

// build turns BuildKit's parsed instructions into the model. The first
// reuse.instructions instructions and reuse.stages stages are prev's own
// objects (see reusablePrefix); they are shared, so nothing here writes to
// them.
func (f *File) build(nodes []parsedNode, prev *File, reuse prefix) {
	var stage *Stage
	for i, pn := range nodes {
		shared := i < reuse.instructions
		var in *Instruction
		if shared {
			in = prev.Instructions[i]
			for _, line := range in.Logical.EmptyLines {
				f.EmptyContinuations = append(f.EmptyContinuations, f.Lines.LineRange(line))
			}
		} else {
			in = f.instructionFor(i, pn)
			if i < reuse.memos {
				in.memo.share(&prev.Instructions[i].memo)
			}
		}
		f.Instructions = append(f.Instructions, in)
		cmd, err := pn.cmd, pn.err
		if err != nil {
			f.addErrorMessage(f.errorRange(in, err), stableSuggestion(err, in))
		} else if !shared && in.chunk == nil {
			in.command = cmd
		}
		switch {
		case in.Name == "from" && shared:
			stage = in.Stage
			f.Stages = append(f.Stages, stage)
			continue
		case in.Name == "from":
			stage = f.newStage(in) // the stage lists its FROM first
			continue
		case stage == nil && in.Name == "arg":
			f.MetaArgs = append(f.MetaArgs, in)
			continue
		case stage == nil:
			if in.Command() != nil {
				f.addError(in.Keyword.Range, fmt.Errorf("no build stage in current context: %s must come after FROM", strings.ToUpper(in.Name)))
			}
			continue
		}
		if !shared {
			in.Stage = stage
			stage.Instructions = append(stage.Instructions, in)
		}
	}
}

// parseInstruction is instructions.ParseInstruction with a silent linter:
// without one, BuildKit v0.34.1 dereferences a nil linter when a
// `# check=...` comment precedes the instruction.
func parseInstruction(node *parser.Node) (any, error) {
	return instructions.ParseInstructionWithLinter(node, linter.New(&linter.Config{}))
}

// modelInstruction is parseInstruction for the model, which keeps the
// command for as long as the document is open. A RUN keeps only its
// exported fields: BuildKit's own holds the state of every RUN flag it
// knows (mount, network, security, device) with the flag parser behind it,
// about a kilobyte a RUN that nothing here reads (layerwise reads the flags
// from the text, see RunMounts). Its Name and Expand are BuildKit's
// business; the BuildKit checks parse the node again when they expand it.
func modelInstruction(node *parser.Node) (any, error) {
	cmd, err := parseInstruction(node)
	if run, ok := cmd.(*instructions.RunCommand); ok && run != nil && err == nil {
		cmd = &instructions.RunCommand{ShellDependantCmdLine: run.ShellDependantCmdLine, FlagsUsed: run.FlagsUsed}
	}
	return cmd, err
}

// errorRange picks the narrowest sensible range for an instruction error.
func (f *File) errorRange(in *Instruction, err error) Range {
	var unknown *instructions.UnknownInstructionError
	if errors.As(err, &unknown) {
		return in.Keyword.Range
	}
	return in.LineRange()
}

func (f *File) newStage(from *Instruction) *Stage {
	st := &Stage{Index: len(f.Stages), From: from, Instructions: []*Instruction{from}}
	args := from.Args
	if len(args) > 0 {
		st.Base = args[0]
	}
	if len(args) >= 3 && strings.EqualFold(args[1].Text, "as") {
		st.AsWord = &args[1]
		st.NameWord = &args[2]
		st.Name = args[2].Text
	}
	from.Stage = st
	f.Stages = append(f.Stages, st)
	return st
}

// newInstruction locates node in the source: keyword, flags, arguments and
// heredoc bodies, each with an exact range.
func (f *File) newInstruction(index int, node *parser.Node, chunkLine int, logical *Logical) *Instruction {
	first := chunkLine + node.StartLine - 1
	var log Logical
	if logical != nil {
		log = *logical
	} else {
		log = readLogical(f.Text, f.Lines, first, f.Escape)
	}
	log.endPos = f.Lines.Pos(log.End)
	for _, line := range log.EmptyLines {
		f.EmptyContinuations = append(f.EmptyContinuations, f.Lines.LineRange(line))
	}
	in := &Instruction{Index: index, node: node, Name: strings.ToLower(node.Value), Logical: log}

	spans := tokenize(log.Text)
	word := func(s [2]int) Word {
		return Word{Text: log.Text[s[0]:s[1]], Range: f.Lines.Range(log.Source(s[0]), log.SourceEnd(s[1]))}
	}
	if len(spans) > 0 {
		in.Keyword = word(spans[0])
		spans = spans[1:]
	} else {
		in.Keyword = Word{Range: f.Lines.Range(log.End, log.End)}
	}
	for len(spans) > 0 && strings.HasPrefix(log.Text[spans[0][0]:spans[0][1]], "--") {
		in.Flags = append(in.Flags, f.newFlag(&log, spans[0]))
		spans = spans[1:]
	}
	if len(spans) > 0 {
		in.Args = make([]Word, len(spans))
		for i, s := range spans {
			in.Args[i] = word(s)
		}
	}
	if in.Name == "onbuild" && len(spans) > 0 {
		t := &Trigger{Keyword: in.Args[0], Name: strings.ToLower(in.Args[0].Text)}
		for _, s := range spans[1:] {
			if !strings.HasPrefix(log.Text[s[0]:s[1]], "--") {
				break
			}
			t.Flags = append(t.Flags, f.newFlag(&log, s))
		}
		in.OnBuild = t
	}

	end := f.Lines.End(chunkLine + node.EndLine - 1)
	in.Range = f.Lines.Range(int(in.Keyword.Range.Start.Offset), end)
	in.Heredocs = f.locateHeredocs(node, log.EndLine)
	return in
}

func (f *File) newFlag(log *Logical, s [2]int) Flag {
	text := log.Text[s[0]:s[1]]
	rng := func(a, b int) Range { return f.Lines.Range(log.Source(a), log.SourceEnd(b)) }
	fl := Flag{Range: rng(s[0], s[1])}
	name, value, hasValue := strings.Cut(text[2:], "=")
	fl.Name, fl.Value, fl.HasValue = name, value, hasValue
	nameEnd := s[0] + 2 + len(name)
	fl.NameRange = rng(s[0], nameEnd)
	if hasValue {
		fl.ValueRange = rng(nameEnd+1, s[1])
	} else {
		fl.ValueRange = rng(nameEnd, nameEnd)
	}
	return fl
}

// heredocTerminator is the first line from line on that ends a heredoc
// named name (leading tabs ignored for <<-), or Lines.Count() when none does.
func (f *File) heredocTerminator(line int, name string, chomp bool) int {
	for ; line < f.Lines.Count(); line++ {
		content := f.LineText(line)
		if chomp {
			content = strings.TrimLeft(content, "\t")
		}
		if content == name {
			return line
		}
	}
	return line
}

// locateHeredocs finds the body and terminator lines of each heredoc, which
// follow the instruction line in order, as BuildKit reads them.
func (f *File) locateHeredocs(node *parser.Node, lineEnd int) []Heredoc {
	var docs []Heredoc
	line := lineEnd + 1
	for _, h := range node.Heredocs {
		bodyStart := line
		line = f.heredocTerminator(line, h.Name, h.Chomp)
		doc := Heredoc{Name: h.Name, Content: h.Content, Expand: h.Expand, Chomp: h.Chomp}
		doc.Body = f.Lines.Range(f.Lines.Start(bodyStart), f.Lines.Start(line))
		doc.End = f.Lines.LineRange(line)
		docs = append(docs, doc)
		line++
	}
	return docs
}
