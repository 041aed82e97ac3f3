package fixes

import (
	"path"
	"strings"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// copyManifestsFirst is the reorder-COPY refactoring: the dependency
// manifests are copied alone, the install runs, and only then the whole
// source tree is copied, so a source edit no longer re-runs the install.
//
// Three shapes, chosen so the result reads as written by hand:
//   - the command needs the sources (go build, mvn package): the manifests
//     COPY and a dependency-only RUN (go mod download) go before the broad
//     COPY, which stays;
//   - nothing between the broad COPY and the install needs the copied files
//     (WORKDIR, ENV, OS package installs): the broad COPY moves to just after
//     the install and the manifests COPY takes its place (or stands just
//     before the install, when OS package installs come between);
//   - RUNs between need the files: the install moves up, before the broad
//     COPY, when nothing between (WORKDIR, ENV, ARG, USER) changes its meaning.
func copyManifestsFirst(f *analysis.File, fd analysis.Finding) []Fix {
	data, ok := fd.Data.(rules.ManifestsFirst)
	if !ok || data.NoRewrite || len(data.Manifests) == 0 {
		return nil
	}
	cp, ok1 := reorderInstruction(f.InstructionAt(int(fd.Range.Start.Offset)), "copy", "add")
	run, ok2 := reorderInstruction(f.Resolve(fd, data.Install), "run")
	if !ok1 || !ok2 || cp.Stage == nil || cp.Stage != run.Stage || cp.Index >= run.Index || len(cp.Args) < 2 {
		return nil
	}
	manifests, targets := data.Manifests, data.Targets
	if len(targets) != len(manifests) {
		return nil
	}
	nl := newline(f)
	indent := f.Text[lineStart(f, int(cp.Range.Start.Offset)):int(cp.Range.Start.Offset)]
	destText := cp.Args[len(cp.Args)-1].Text
	destAbs := reorderAbs(f.Workdir(cp), destText)
	copyLines := reorderManifestCopies(f, cp, manifests, targets, destText, destAbs, indent, nl)
	if copyLines == "" {
		return nil
	}
	fix := Fix{Title: "Copy dependency manifests first", Kind: RefactorRewrite}
	cStart, _ := reorderBlock(f, cp)

	if pf := data.Prefetch; pf != "" {
		if dir := data.Dir; dir != "" && dir != path.Clean(f.Workdir(cp)) {
			pf = "cd " + reorderRelative(path.Clean(f.Workdir(cp)), dir) + " && " + pf
		}
		text := copyLines + indent + reorderKeyword(cp, "RUN") + " " + pf + nl
		fix.Edits = []Edit{{Start: cStart, End: cStart, NewText: text}}
		return []Fix{fix}
	}

	between := reorderBetween(cp, run)
	if edits, ok := reorderMoveCopyDown(f, cp, run, between, copyLines, destText, destAbs, nl); ok {
		fix.Edits = edits
		return []Fix{fix}
	}
	for _, in := range between {
		switch in.Name {
		case "workdir", "env", "arg", "user", "shell", "onbuild":
			return nil // the install would run in another context above them
		}
	}
	rStart, rEnd := reorderBlock(f, run)
	fix.Edits = []Edit{
		{Start: cStart, End: cStart, NewText: copyLines + reorderText(f, rStart, rEnd, nl)},
		{Start: rStart, End: rEnd, NewText: ""},
	}
	if rEnd == len(f.Text) && !strings.HasSuffix(f.Text, "\n") {
		// The install was the last line: the line before it keeps no
		// dangling newline.
		fix.Edits[1].Start = reorderTrimNewline(f, rStart)
	}
	return []Fix{fix}
}

// moveCopyDown moves the broad COPY to just after the install, when nothing
// between them reads the copied files.
func reorderMoveCopyDown(f *analysis.File, cp, run *analysis.Instruction, between []*analysis.Instruction, copyLines, destText, destAbs, nl string) ([]Edit, bool) {
	workdirBetween, runBetween, varsBetween := false, false, false
	for _, in := range between {
		switch in.Name {
		case "workdir":
			workdirBetween = true
		case "env", "arg":
			varsBetween = true
		case "label", "expose", "user", "cmd", "entrypoint", "healthcheck", "stopsignal", "maintainer", "shell":
		case "run":
			if !rules.OnlyInstallsOSPackages(f, in) || reorderRemovesUnder(f, in, destAbs) {
				return nil, false
			}
			runBetween = true
		default:
			return nil, false // COPY, ADD, VOLUME, ONBUILD
		}
	}
	if varsBetween && strings.Contains(f.Text[cp.Range.Start.Offset:int(cp.Range.End.Offset)], "$") {
		return nil, false
	}
	cStart, cEnd := reorderBlock(f, cp)
	moved := reorderText(f, cStart, cEnd, nl)
	if workdirBetween && !strings.HasPrefix(destText, "/") {
		if !reorderExplicitWorkdir(cp) {
			return nil, false // the base image's WORKDIR is unknown
		}
		// The COPY now runs under another WORKDIR: spell its destination out.
		abs := destAbs
		if strings.HasSuffix(destText, "/") || destText == "." {
			abs = strings.TrimSuffix(abs, "/") + "/"
		}
		d := cp.Args[len(cp.Args)-1].Range
		moved = f.Text[cStart:int(d.Start.Offset)] + abs + f.Text[d.End.Offset:cEnd]
		moved = reorderTextOf(moved, nl)
	}
	rStart, rEnd := reorderBlock(f, run)
	after := moved
	if rEnd == len(f.Text) && !strings.HasSuffix(f.Text, "\n") {
		after = nl + strings.TrimSuffix(moved, nl)
	}
	if runBetween && !workdirBetween {
		// The manifests go just before the install, so editing them does
		// not re-run the OS package installs between.
		return []Edit{
			{Start: cStart, End: cEnd, NewText: ""},
			{Start: rStart, End: rStart, NewText: copyLines},
			{Start: rEnd, End: rEnd, NewText: after},
		}, true
	}
	return []Edit{
		{Start: cStart, End: cEnd, NewText: copyLines},
		{Start: rEnd, End: rEnd, NewText: after},
	}, true
}

// manifestCopies writes one COPY per container directory of the manifests,
// with the broad COPY's --chown, --chmod and --link, and destinations
// spelled relative to the broad COPY's own (`COPY . .` -> `./`).
func reorderManifestCopies(f *analysis.File, cp *analysis.Instruction, manifests, targets []string, destText, destAbs, indent, nl string) string {
	var flags []string
	for _, fl := range cp.Flags {
		switch fl.Name {
		case "chown", "chmod", "link":
			flags = append(flags, f.Text[fl.Range.Start.Offset:int(fl.Range.End.Offset)])
		}
	}
	var dirs []string
	byDir := map[string][]string{}
	for i, m := range manifests {
		d := path.Dir(targets[i])
		if _, seen := byDir[d]; !seen {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], m)
	}
	var b strings.Builder
	for _, d := range dirs {
		sub := reorderRelative(destAbs, d)
		if strings.HasPrefix(sub, "/") {
			return "" // not below the broad COPY's destination
		}
		words := append([]string{reorderKeyword(cp, "COPY")}, flags...)
		words = append(words, byDir[d]...)
		words = append(words, reorderDest(destText, sub))
		b.WriteString(indent + strings.Join(words, " ") + nl)
	}
	return b.String()
}

// destFor spells the directory sub (relative to the broad COPY's
// destination) the way destText is written: relative stays relative.
func reorderDest(destText, sub string) string {
	if strings.HasPrefix(destText, "/") {
		p := path.Join(destText, sub)
		if p == "/" {
			return p
		}
		return p + "/"
	}
	p := path.Join(destText, sub)
	if p == "." {
		return "./"
	}
	return p + "/"
}

// relativeTo spells dir relative to base when it lies below it ("." for
// base itself), else absolute.
func reorderRelative(base, dir string) string {
	base, dir = path.Clean(base), path.Clean(dir)
	switch {
	case dir == base:
		return "."
	case base == "/":
		return strings.TrimPrefix(dir, "/")
	case strings.HasPrefix(dir, base+"/"):
		return strings.TrimPrefix(dir, base+"/")
	}
	return dir
}

func reorderAbs(workdir, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	return path.Join("/", workdir, p)
}

// keyword writes an instruction keyword in the casing of in's own.
func reorderKeyword(in *analysis.Instruction, kw string) string {
	if in.Keyword.Text == strings.ToLower(in.Keyword.Text) {
		return strings.ToLower(kw)
	}
	return kw
}

// instructionAt reads an instruction index from finding data and checks
// its kind.
func reorderInstruction(in *analysis.Instruction, names ...string) (*analysis.Instruction, bool) {
	if in == nil {
		return nil, false
	}
	for _, n := range names {
		if in.Name == n {
			return in, true
		}
	}
	return nil, false
}

// betweenIn lists the instructions of a's stage strictly between a and b.
func reorderBetween(a, b *analysis.Instruction) []*analysis.Instruction {
	var out []*analysis.Instruction
	for _, in := range a.Stage.Instructions {
		if in.Index > a.Index && in.Index < b.Index {
			out = append(out, in)
		}
	}
	return out
}

// explicitWorkdir reports whether a WORKDIR is set before in, in its stage.
func reorderExplicitWorkdir(in *analysis.Instruction) bool {
	for _, i := range in.Stage.Instructions {
		if i.Index >= in.Index {
			break
		}
		if i.Name == "workdir" {
			return true
		}
	}
	return false
}

// removesUnder reports whether a RUN removes something at or below dir.
func reorderRemovesUnder(f *analysis.File, in *analysis.Instruction, dir string) bool {
	for _, c := range in.Shell(f).Find("rm") {
		for _, a := range c.Args {
			if strings.HasPrefix(a.Text, "-") {
				continue
			}
			p := path.Clean(a.Text)
			if dir == "/" || p == dir || strings.HasPrefix(p, dir+"/") {
				return true
			}
		}
	}
	return false
}

// instructionBlock is the span of in's lines together with the comment
// lines right above it (they belong to it and move with it), from the
// start of the first line to just after the last line's newline.
func reorderBlock(f *analysis.File, in *analysis.Instruction) (int, int) {
	first := int(in.Range.Start.Line)
	floor := 0 // lines up to the previous instruction belong to it
	if in.Index > 0 {
		floor = int(f.Instructions[in.Index-1].Range.End.Line) + 1
	}
	directives := map[int]bool{}
	for _, d := range f.Directives {
		directives[int(d.Range.Start.Line)] = true
	}
	for first > floor {
		line := strings.TrimSpace(f.Text[f.Lines.Start(first-1):f.Lines.End(first-1)])
		if !strings.HasPrefix(line, "#") || directives[first-1] {
			break
		}
		first--
	}
	end := int(in.Range.End.Offset)
	if end < len(f.Text) && f.Text[end] == '\n' {
		end++
	}
	return f.Lines.Start(first), end
}

// blockText is the text of [start, end), ending in a newline.
func reorderText(f *analysis.File, start, end int, nl string) string {
	return reorderTextOf(f.Text[start:end], nl)
}

func reorderTextOf(s, nl string) string {
	if !strings.HasSuffix(s, "\n") {
		s += nl
	}
	return s
}

// trimNewlineBefore moves offset back over the line ending before it.
func reorderTrimNewline(f *analysis.File, offset int) int {
	if offset > 0 && f.Text[offset-1] == '\n' {
		offset--
		if offset > 0 && f.Text[offset-1] == '\r' {
			offset--
		}
	}
	return offset
}
