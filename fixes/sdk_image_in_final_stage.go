package fixes

import (
	"path"
	"strconv"
	"strings"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// Runtime bases offered for a static Go binary.
const (
	scratchBase    = "scratch"
	distrolessBase = "gcr.io/distroless/static-debian12"
)

// splitGoStages turns a single Go stage into a build stage and a runtime
// stage:
//
//	FROM golang:1.22 AS build
//	...
//	RUN CGO_ENABLED=0 go build -o /app .
//
//	FROM scratch
//	COPY --from=build /app /app
//	EXPOSE 8080
//	ENTRYPOINT ["/app"]
//
// ENTRYPOINT, CMD, EXPOSE, USER, LABEL, STOPSIGNAL and VOLUME move to the
// runtime stage (a USER that later build steps run under is copied instead),
// ENV that is not about the Go toolchain is copied, and ENTRYPOINT/CMD are
// pointed at the copied binary, in exec form since scratch has no shell. It
// declines when it cannot be sure of the result: several builds, cgo asked
// for, steps after the build that may prepare run-time files, a command
// that is not the binary.
func splitGoStages(f *analysis.File, fd analysis.Finding) []Fix {
	if data, ok := fd.Data.(rules.Toolchain); !ok || data.Family != "Go" {
		return nil
	}
	from := f.InstructionAt(int(fd.Range.Start.Offset))
	if from == nil || from.Stage == nil || !from.Stage.Final(f) {
		return nil
	}
	st := from.Stage
	if f.Parent(st) != nil || analysis.ParseImageRef(f.BaseImage(st)).Official() != "golang" {
		return nil
	}
	plan, ok := planGoSplit(f, st)
	if !ok {
		return nil
	}
	var fixes []Fix
	if plan.numericUsers {
		fixes = append(fixes, plan.fix(f, scratchBase, "Split into build and runtime stages (scratch)", true))
	}
	if plan.distrolessUsers {
		fixes = append(fixes, plan.fix(f, distrolessBase, "Split into build and runtime stages (distroless static)", !plan.numericUsers))
	}
	return fixes
}

// goSplit is what the split needs to know about the stage.
type goSplit struct {
	st        *analysis.Stage
	name      string // the build stage's name, existing or new
	build     *analysis.Instruction
	goCmd     *analysis.Command
	binary    string // absolute path of the binary in the build stage
	binName   string
	moved     []*analysis.Instruction // leave the build stage
	copied    []*analysis.Instruction // stay, and are repeated in the runtime stage
	entry     *analysis.Instruction   // ENTRYPOINT, or CMD when there is none
	entryWord analysis.ShellWord      // the program word of entry
	addOutput bool                    // `-o name` must be added to go build

	numericUsers, distrolessUsers bool
}

func planGoSplit(f *analysis.File, st *analysis.Stage) (*goSplit, bool) {
	p := &goSplit{st: st, numericUsers: true, distrolessUsers: true}
	for _, in := range st.Instructions {
		if in.Name != "run" {
			continue
		}
		for _, c := range in.Shell(f).Find("go") {
			if sub, _ := c.Subcommand(); sub.Text == "build" || sub.Text == "install" {
				if p.goCmd != nil || sub.Text == "install" {
					return nil, false // several builds, or go install's GOBIN layout
				}
				p.build, p.goCmd = in, c
			}
		}
	}
	if p.goCmd == nil || p.build.Shell(f).Exec {
		return nil, false
	}
	for _, e := range p.goCmd.Env {
		if strings.HasPrefix(e.Text, "CGO_ENABLED=") && e.Text != "CGO_ENABLED=0" {
			return nil, false // cgo wanted: the binary needs a libc
		}
	}
	lastStep := p.build.Index
	for _, in := range st.Instructions[1:] {
		if in.Index > p.build.Index && (in.Name == "run" || in.Name == "copy" || in.Name == "add") {
			return nil, false // a later step may prepare files the program needs at run time
		}
		if in.Name == "run" || in.Name == "copy" || in.Name == "add" {
			lastStep = max(lastStep, in.Index)
		}
	}
	for _, in := range st.Instructions[1:] {
		switch in.Name {
		case "entrypoint", "cmd", "expose", "label", "stopsignal", "volume":
			p.moved = append(p.moved, in)
		case "user":
			if in.Index < lastStep {
				p.copied = append(p.copied, in)
			} else {
				p.moved = append(p.moved, in)
			}
			user := strings.Split(strings.TrimSpace(f.Text[in.ArgsRange().Start.Offset:int(in.ArgsRange().End.Offset)]), ":")[0]
			if _, err := strconv.Atoi(user); err != nil {
				p.numericUsers = false // scratch has no /etc/passwd
				if user != "root" && user != "nobody" && user != "nonroot" {
					p.distrolessUsers = false
				}
			}
		case "env":
			if !goToolchainEnv(in) {
				p.copied = append(p.copied, in)
			}
		case "healthcheck":
			if len(in.Args) != 1 || !strings.EqualFold(in.Args[0].Text, "none") {
				return nil, false // a check command needs tools that scratch lacks
			}
			p.moved = append(p.moved, in)
		case "onbuild", "shell":
			return nil, false
		}
	}
	if !p.output(f) {
		return nil, false
	}
	if !p.findEntry(f) {
		return nil, false
	}
	p.name = st.Name
	if p.name == "" {
		p.name = "build"
		for _, cand := range []string{"build", "builder", "build-stage"} {
			if f.StageNamed(cand, -1) == nil {
				p.name = cand
				break
			}
		}
	}
	return p, true
}

// goToolchainEnv reports whether an ENV only sets variables for the Go
// toolchain (GO*, CGO_*, PATH), which the runtime stage does not need.
func goToolchainEnv(in *analysis.Instruction) bool {
	for _, a := range in.Args {
		key, _, _ := strings.Cut(a.Text, "=")
		if !strings.HasPrefix(key, "GO") && !strings.HasPrefix(key, "CGO_") && key != "PATH" {
			return false
		}
	}
	return true
}

// output works out where go build writes the binary.
func (p *goSplit) output(f *analysis.File) bool {
	dir := "/go" // the golang images' WORKDIR
	if reorderExplicitWorkdir(p.build) {
		dir = f.Workdir(p.build)
	}
	script := p.build.Shell(f)
	for _, c := range script.Commands {
		if c == p.goCmd {
			break
		}
		if c.Is("cd") && len(c.Args) == 1 && c.Args[0].Literal {
			dir = reorderAbs(dir, c.Args[0].Text)
		}
	}
	args := p.goCmd.Args
	out := ""
	var pkgs []string
	for i := 0; i < len(args); i++ {
		w := args[i].Text
		switch {
		case w == "-o" || w == "--o":
			if i+1 >= len(args) || !args[i+1].Literal {
				return false
			}
			out = args[i+1].Text
			i++
		case strings.HasPrefix(w, "-o=") || strings.HasPrefix(w, "--o="):
			out = w[strings.Index(w, "=")+1:]
		case w == "-C":
			return false
		case strings.HasPrefix(w, "-"):
			if goValueFlag(w) {
				i++
			}
		case w != "build":
			if !args[i].Literal {
				return false
			}
			pkgs = append(pkgs, w)
		}
	}
	switch {
	case strings.HasSuffix(out, "/") || out == "." || strings.Contains(out, "$"):
		return false
	case out != "":
	case len(pkgs) > 0 && strings.HasSuffix(pkgs[0], ".go"):
		out = strings.TrimSuffix(path.Base(pkgs[0]), ".go")
	case len(pkgs) == 1 && strings.HasPrefix(pkgs[0], "./") && path.Base(pkgs[0]) != "." && !strings.Contains(pkgs[0], "..."):
		out = path.Base(pkgs[0])
	default:
		// `go build` / `go build .`: named after the module path, which is
		// not known here; it is given a name.
		out, p.addOutput = "app", true
	}
	p.binary = reorderAbs(dir, out)
	p.binName = path.Base(p.binary)
	return true
}

// goValueFlag reports whether a go build flag takes the next word.
func goValueFlag(w string) bool {
	if strings.Contains(w, "=") {
		return false
	}
	switch strings.TrimLeft(w, "-") {
	case "p", "ldflags", "gcflags", "asmflags", "tags", "mod", "modfile", "pkgdir", "overlay", "buildmode", "compiler", "installsuffix", "toolexec", "pgo", "covermode", "coverpkg", "buildvcs":
		return true
	}
	return false
}

// findEntry finds the ENTRYPOINT (or else the CMD) and checks that it runs
// the binary.
func (p *goSplit) findEntry(f *analysis.File) bool {
	var entry, cmd *analysis.Instruction
	for _, in := range p.moved {
		switch in.Name {
		case "entrypoint":
			entry = in
		case "cmd":
			cmd = in
		}
	}
	if entry == nil {
		entry = cmd
	}
	if entry == nil {
		return true // an ENTRYPOINT is added
	}
	script := entry.Shell(f)
	if len(script.Commands) != 1 || !script.Parsed {
		return false
	}
	c := script.Commands[0]
	if len(c.Env) > 0 || len(c.Prefix) > 0 || c.Pipe {
		return false
	}
	if !script.Exec {
		// Shell form becomes exec form: only plain words translate.
		for _, w := range append([]analysis.ShellWord{c.Name}, c.Args...) {
			if !w.Literal || w.Raw != w.Text || strings.ContainsAny(w.Text, "*?[~") {
				return false
			}
		}
		line := f.Text[entry.ArgsRange().Start.Offset:entry.Logical.End]
		if strings.ContainsAny(line, ";&|<>()`$#") {
			return false
		}
	}
	prog := c.Name.Text
	switch {
	case p.addOutput && !strings.Contains(prog, "/") || p.addOutput && strings.HasPrefix(prog, "./") && !strings.Contains(prog[2:], "/"):
		// `go build` with no -o: the command names the binary.
		p.binName = path.Base(prog)
		p.binary = path.Join(path.Dir(p.binary), p.binName)
	case prog == p.binary || prog == p.binName || prog == "./"+p.binName || path.Base(prog) == p.binName:
	default:
		return false
	}
	p.entry, p.entryWord = entry, c.Name
	return true
}

// fix writes the split onto base.
func (p *goSplit) fix(f *analysis.File, base, title string, preferred bool) Fix {
	nl := newline(f)
	from := p.st.From
	var edits []Edit
	if p.st.Name == "" {
		as := " AS "
		if from.Keyword.Text == strings.ToLower(from.Keyword.Text) {
			as = " as "
		}
		edits = append(edits, Edit{Start: int(p.st.Base.Range.End.Offset), End: int(p.st.Base.Range.End.Offset), NewText: as + p.name})
	}
	// A static binary: no libc on scratch.
	cgo := true
	for _, e := range p.goCmd.Env {
		if e.Text == "CGO_ENABLED=0" {
			cgo = false
		}
	}
	if v, ok := f.EnvAt(p.build, "CGO_ENABLED"); ok && v == "0" {
		cgo = false
	}
	name := int(p.goCmd.Name.Range.Start.Offset)
	sub, _ := p.goCmd.Subcommand()
	if cgo {
		edits = append(edits, Edit{Start: name, End: name, NewText: "CGO_ENABLED=0 "})
	}
	if p.addOutput {
		at := int(sub.Range.End.Offset)
		edits = append(edits, Edit{Start: at, End: at, NewText: " -o " + p.binName})
	}

	// The runtime stage.
	indent := f.Text[lineStart(f, int(from.Range.Start.Offset)):int(from.Range.Start.Offset)]
	kw := func(s string) string { return reorderKeyword(from, s) }
	target := "/" + p.binName
	var stage strings.Builder
	stage.WriteString(nl + indent + kw("FROM") + " " + base + nl)
	stage.WriteString(indent + kw("COPY") + " --from=" + p.name + " " + p.binary + " " + target + nl)
	for _, in := range p.copied {
		stage.WriteString(reorderTextOf(runtimeCopy(f, in), nl))
	}
	movedSet := map[*analysis.Instruction]bool{}
	for _, in := range p.moved {
		movedSet[in] = true
		start, end := reorderBlock(f, in)
		text := f.Text[start:end]
		if in == p.entry {
			text = p.entryText(f, in, start, end, target)
		}
		stage.WriteString(reorderTextOf(text, nl))
		edits = append(edits, Edit{Start: start, End: end})
	}
	if p.entry == nil {
		stage.WriteString(indent + kw("ENTRYPOINT") + " [\"" + target + "\"]" + nl)
	}

	// The new stage goes after the last instruction that stays; what
	// followed it (blank lines, moved instructions) is rewritten.
	var last *analysis.Instruction
	for _, in := range f.Instructions {
		if !movedSet[in] {
			last = in
		}
	}
	_, tail := reorderBlock(f, last)
	var rest []Edit
	for _, e := range edits {
		if e.Start >= tail && e.NewText == "" {
			continue // inside the rewritten tail
		}
		rest = append(rest, e)
	}
	// Comment lines in the tail that no moved instruction owns stay, after
	// the new stage.
	var extra strings.Builder
	for line := int(f.Lines.Pos(tail).Line); tail < len(f.Text) && line < f.Lines.Count(); line++ {
		s := f.Lines.Start(line)
		if in := f.InstructionAt(s); in != nil && movedSet[in] {
			continue
		}
		text := strings.TrimRight(f.Text[s:f.Lines.End(line)], "\r")
		if strings.HasPrefix(strings.TrimSpace(text), "#") && !ownedComment(f, line, movedSet) {
			extra.WriteString(text + nl)
		}
	}
	newTail := stage.String() + extra.String()
	if tail == len(f.Text) && !strings.HasSuffix(f.Text, "\n") {
		newTail = nl + newTail
	}
	if !strings.HasSuffix(f.Text, "\n") {
		newTail = strings.TrimSuffix(newTail, nl)
	}
	rest = append(rest, Edit{Start: tail, End: len(f.Text), NewText: newTail})
	return Fix{Title: title, Kind: RefactorRewrite, Preferred: preferred, Edits: rest}
}

// ownedComment reports whether a comment line sits right above (in the
// comment block of) a moved instruction.
func ownedComment(f *analysis.File, line int, moved map[*analysis.Instruction]bool) bool {
	for in := range moved {
		start, _ := reorderBlock(f, in)
		if f.Lines.Start(line) >= start && line < int(in.Range.Start.Line) {
			return true
		}
	}
	return false
}

// entryText is the ENTRYPOINT/CMD block pointed at the copied binary, in
// exec form.
func (p *goSplit) entryText(f *analysis.File, in *analysis.Instruction, start, end int, target string) string {
	script := in.Shell(f)
	w := p.entryWord
	if script.Exec {
		return f.Text[start:int(w.Range.Start.Offset)] + jsonString(target) + f.Text[w.Range.End.Offset:end]
	}
	c := script.Commands[0]
	words := []string{jsonString(target)}
	for _, a := range c.Args {
		words = append(words, jsonString(a.Text))
	}
	args := in.ArgsRange()
	return f.Text[start:int(args.Start.Offset)] + "[" + strings.Join(words, ", ") + "]" + f.Text[in.Logical.End:end]
}

// runtimeCopy is the text of an instruction repeated in the runtime stage:
// an ENV loses the Go toolchain variables when it is in key=value form.
func runtimeCopy(f *analysis.File, in *analysis.Instruction) string {
	text := f.Text[lineStart(f, int(in.Range.Start.Offset)):int(in.Range.End.Offset)]
	if in.Name != "env" || int(in.Range.Start.Line) != int(in.Range.End.Line) {
		return text
	}
	var keep []string
	for _, a := range in.Args {
		key, _, ok := strings.Cut(a.Text, "=")
		if !ok {
			return text // legacy `ENV key value`
		}
		if !strings.HasPrefix(key, "GO") && !strings.HasPrefix(key, "CGO_") && key != "PATH" {
			keep = append(keep, a.Text)
		}
	}
	args := in.ArgsRange()
	return f.Text[lineStart(f, int(in.Range.Start.Offset)):int(args.Start.Offset)] + strings.Join(keep, " ") + f.Text[args.End.Offset:int(in.Range.End.Offset)]
}
