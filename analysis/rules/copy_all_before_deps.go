package rules

import (
	"os"
	"path"
	"slices"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var copyAllBeforeDeps = &analysis.Rule{
	ID:       "copy-all-before-deps",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCache,
	Severity: analysis.SeverityWarning,
	Summary:  "COPY of the whole source tree before a dependency install: every source edit re-runs the install",
	Doc: "BuildKit reuses a layer only while everything it was built from is unchanged. " +
		"`COPY . .` makes the layer depend on every file in the build context, so a " +
		"one-line change to any source file invalidates it — and every instruction after " +
		"it, including the slow dependency install (`npm ci`, `pip install -r`, " +
		"`bundle install`, `go mod download`, `mvn dependency:go-offline`, ...), which " +
		"then downloads and builds every dependency again although the manifests did not change.\n\n" +
		"Measured: after a one-line change to `config.ru`, the rebuild re-ran `bundle install` " +
		"and took 57.5 s; with the Gemfile copied and installed first it took 0.73 s (about 80x faster).\n\n" +
		"Bad:\n\n" +
		"    WORKDIR /app\n    COPY . .\n    RUN npm ci\n\n" +
		"Good:\n\n" +
		"    WORKDIR /app\n    COPY package.json package-lock.json ./\n    RUN npm ci\n    COPY . .\n\n" +
		"The refactoring \"Copy dependency manifests first\" does this for npm, yarn, pnpm, " +
		"pip (`-r` files), pipenv, poetry, bundler, Go modules, Maven, Gradle, Composer and " +
		"`dotnet restore`, picking the lockfiles that exist in the build context. For a " +
		"command that needs the sources itself (`go build`, `mvn package`, `dotnet publish`) " +
		"it fetches the dependencies first (`go mod download`) and leaves the build after the COPY.\n\n" +
		"Silence with `# layerwise ignore=copy-all-before-deps`.",
	Scope: analysis.ScopeStage,
	Run:   checkCopyAllBeforeDeps,
}

// ManifestsFirst is the Data of copy-all-before-deps, whose finding is on
// the broad COPY: the install it invalidates (the first one), its
// ecosystem, the manifests to copy first (build-context paths) and where
// they land (Targets), the install's directory, the command that fetches the
// dependencies without the sources when the install itself is a build
// (Prefetch: `go mod download`), and whether the install cannot move before
// the COPY (NoRewrite).
type ManifestsFirst struct {
	Install   analysis.Ref
	Ecosystem string
	Manifests []string
	Targets   []string
	Dir       string
	Prefetch  string
	NoRewrite bool
}

// broadCopy is a COPY/ADD that brings a whole directory of the build
// context (usually `.`) into a container directory.
type broadCopy struct {
	In      *analysis.Instruction
	Source  analysis.Word // the `.` (or directory) source
	Mapping analysis.ContextCopy
	// Whole is set for `.`: the whole context. A named directory is only
	// broad for installs whose manifests sit at its top (or, with a known
	// context, below it).
	Whole bool
}

// broadCopies lists, for one COPY/ADD, the directory sources it copies from
// the build context.
func broadCopies(f *analysis.File, in *analysis.Instruction, ws analysis.Workspace) []broadCopy {
	if in.Name != "copy" && in.Name != "add" || len(in.Args) < 2 || len(in.Heredocs) > 0 {
		return nil
	}
	if _, from := in.Flag("from"); from {
		return nil
	}
	dest := expandPath(f, in, in.Args[len(in.Args)-1].Text)
	if strings.ContainsAny(dest, "$") || strings.HasPrefix(dest, "[") {
		return nil
	}
	destAbs := analysis.ResolvePath(f.Workdir(in), dest)
	var out []broadCopy
	for _, a := range in.Args[:len(in.Args)-1] {
		src := a.Text
		if strings.ContainsAny(src, "$*?[") || strings.Contains(src, "://") {
			continue
		}
		clean := path.Clean(src)
		if strings.HasPrefix(clean, "/") || strings.HasPrefix(clean, "..") {
			continue
		}
		whole := clean == "."
		if !whole && (strings.Contains(path.Base(clean), ".") || len(in.Args) > 2 || !mayBeFolder(clean, ws)) {
			continue // a file, or one of several sources: not a directory copied into dest
		}
		out = append(out, broadCopy{In: in, Source: a, Mapping: analysis.ContextCopy{Source: clean, Dest: destAbs}, Whole: whole})
	}
	return out
}

// extensionless are file names without a dot that are files, not folders.
var extensionless = map[string]bool{
	"LICENSE": true, "LICENCE": true, "COPYING": true, "NOTICE": true, "README": true, "AUTHORS": true,
	"CHANGELOG": true, "VERSION": true, "Makefile": true, "GNUmakefile": true, "Dockerfile": true,
	"Containerfile": true, "Gemfile": true, "Rakefile": true, "Procfile": true, "Pipfile": true,
	"Brewfile": true, "Vagrantfile": true, "Jenkinsfile": true, "Caddyfile": true, "Justfile": true,
}

// mayBeFolder reports whether a source without an extension may be a
// folder: not a well-known file name (LICENSE, Makefile, Gemfile, ...), and
// a folder in the build context when the context is known.
func mayBeFolder(src string, ws analysis.Workspace) bool {
	if extensionless[path.Base(src)] {
		return false
	}
	if ws != nil && ws.Exists(src) {
		return ws.Exists(src + "/")
	}
	return true
}

// expandPath replaces the variables of a COPY destination that the stage
// defines by ENV, or whose value the base image sets to a path
// (`${GOPATH}/src/app` in a golang stage), so that the copy can be placed.
// A variable it cannot resolve is left as written.
func expandPath(f *analysis.File, in *analysis.Instruction, p string) string {
	if !strings.Contains(p, "$") {
		return p
	}
	env, _ := f.BaseEnv(in.Stage)
	value := func(name string) (string, bool) {
		if v, ok := f.EnvAt(in, name); ok {
			return v, true
		}
		for _, kv := range env {
			if kv[0] == name && strings.HasPrefix(kv[1], "/") {
				return kv[1], true
			}
		}
		return "", false
	}
	return os.Expand(p, func(name string) string {
		if v, ok := value(name); ok {
			return v
		}
		return "${" + name + "}"
	})
}

// feeds reports whether the broad COPY brings the install's manifests, and
// returns them as build-context paths.
func (b broadCopy) feeds(d analysis.DepInstall, ws analysis.Workspace) ([]string, bool) {
	if outside(d, b.Mapping.Dest) {
		return nil, false
	}
	ms, found, ok := d.ContextManifests(b.Mapping, ws)
	if !ok || !b.Whole && !found && d.Dir != b.Mapping.Dest {
		return nil, false // a named directory: only its top is assumed to hold the app
	}
	if !b.Whole {
		for _, m := range ms {
			if path.Base(m) == path.Base(b.Mapping.Source) {
				return nil, false // the manifest itself (an extensionless file like `requirement`)
			}
		}
	}
	return ms, true
}

// depFinding is an install that a broad COPY before it invalidates.
type depFinding struct {
	copy      broadCopy
	install   analysis.DepInstall
	manifests []string // build-context paths
}

func checkCopyAllBeforeDeps(p *analysis.Pass) {
	st := p.Stage
	f := p.File
	var copies []broadCopy
	byDest := map[string][]int{}      // positions in copies, by clean destination
	var order []*analysis.Instruction // broad COPYs in order of their first finding
	found := map[*analysis.Instruction][]depFinding{}
	// prefetch is, per ecosystem, the first instruction (of the stages it
	// is built FROM, then of its own) that fetches the dependencies
	// without the sources: one walk, not one per COPY.
	prefetch := map[string]int{}
	notePrefetches := func(in *analysis.Instruction, installs []analysis.DepInstall) {
		for _, d := range installs {
			if _, seen := prefetch[d.Ecosystem]; !seen && d.Prefetch == "" {
				prefetch[d.Ecosystem] = in.Index
			}
		}
	}
	if len(st.Instructions) > 0 {
		f.Inherited(st.Instructions[0], func(prev *analysis.Instruction) { notePrefetches(prev, analysis.DepInstalls(f, prev)) })
	}
	prefetchedBefore := func(in *analysis.Instruction, eco string) bool {
		first, ok := prefetch[eco]
		return ok && first < in.Index
	}
	for _, in := range st.Instructions {
		if bc := broadCopies(f, in, p.Workspace); len(bc) > 0 {
			for _, b := range bc {
				dest := path.Clean(b.Mapping.Dest)
				byDest[dest] = append(byDest[dest], len(copies))
				copies = append(copies, b)
			}
			continue
		}
		installs := analysis.DepInstalls(f, in)
		notePrefetches(in, installs)
		for _, d := range installs {
			if len(copies) == 0 {
				break
			}
			// The latest broad COPY that brings the manifests is the
			// one whose edits re-run the install.
			for _, i := range feedingCandidates(d, copies, byDest) {
				bc := copies[i]
				ms, ok := bc.feeds(d, p.Workspace)
				if !ok {
					continue
				}
				if prefetchedBefore(bc.In, d.Ecosystem) || cacheMountedInstall(d) || manifestTested(f, d) {
					break // the fix is there already, or not for this install
				}
				if _, seen := found[bc.In]; !seen {
					order = append(order, bc.In)
				}
				found[bc.In] = append(found[bc.In], depFinding{copy: bc, install: d, manifests: ms})
				break
			}
		}
	}
	for _, c := range order {
		reportCopyAllBeforeDeps(p, found[c])
	}
}

// feedingCandidates lists, latest first, the positions in copies of the
// COPYs that may bring the install's manifests: those whose destination is
// the install's folder, a folder above it, or one of its manifests (all
// others are outside). A manifest named by a relative path, or a relative
// folder, leaves every COPY a candidate. Only these are asked feeds: a stage
// of many COPYs and installs stays linear.
func feedingCandidates(d analysis.DepInstall, copies []broadCopy, byDest map[string][]int) []int {
	all := !strings.HasPrefix(d.Dir, "/")
	for _, m := range d.Manifests {
		all = all || strings.Contains(m, "/") || strings.HasPrefix(m, "..")
	}
	var out []int
	if all {
		for i := len(copies) - 1; i >= 0; i-- {
			out = append(out, i)
		}
		return out
	}
	dir := path.Clean(d.Dir)
	for a := dir; ; a = path.Dir(a) {
		out = append(out, byDest[a]...)
		if a == "/" {
			break
		}
	}
	for _, m := range d.Manifests {
		if dest := path.Join(dir, m); dest != dir {
			out = append(out, byDest[dest]...)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	slices.Reverse(out)
	return out
}

// cacheMountedInstall reports whether the install's RUN keeps the packages
// on a cache mount: re-running it after a source edit fetches nothing.
func cacheMountedInstall(d analysis.DepInstall) bool {
	for _, m := range analysis.RunMounts(d.In) {
		if m.Type == "cache" {
			return true
		}
	}
	return false
}

// manifestTested reports whether the install's RUN tests for its manifest
// before it (`if [ -s requirements.txt ]; then pip install -r ...`): the
// manifest may be absent, and a COPY of it first would fail the build.
func manifestTested(f *analysis.File, d analysis.DepInstall) bool {
	for _, c := range d.In.Shell(f).Commands {
		if c.Range.Start.Offset >= d.Cmd.Range.Start.Offset {
			break
		}
		if !c.Is("[", "test", "[[") {
			continue
		}
		for _, w := range c.Args {
			for _, m := range d.Manifests {
				if w.Text == m || analysis.ResolvePath(d.Dir, m) == analysis.ResolvePath(d.Dir, w.Text) {
					return true
				}
			}
		}
	}
	return false
}

func reportCopyAllBeforeDeps(p *analysis.Pass, fs []depFinding) {
	first := fs[0]
	c := first.copy.In
	cmd := depCommandText(first.install.Cmd)
	manifests := depList(first.manifests)
	if first.install.Ecosystem == "dotnet" && slices.ContainsFunc(first.manifests, func(m string) bool { return strings.HasSuffix(m, ".sln") }) {
		manifests += " and every project file (*.csproj) it lists, in their folders," // restore reads them all
	}
	msg := "COPY of the whole build context before `" + cmd + "`: every source edit re-runs the install; copy " +
		manifests + " first"
	if pf := first.install.Prefetch; pf != "" {
		msg = "COPY of the whole build context before `" + cmd + "`: every source edit downloads every dependency again; copy " +
			manifests + " and run `" + pf + "` first"
	}
	fd := analysis.Finding{Range: c.LineRange(), Message: msg}
	for _, x := range fs {
		fd.Related = append(fd.Related, analysis.Related{Range: x.install.Cmd.Range, Message: "`" + depCommandText(x.install.Cmd) + "` re-runs whenever any copied file changes"})
	}
	targets := make([]string, len(first.manifests))
	for i, m := range first.manifests {
		rel := strings.TrimPrefix(strings.TrimPrefix(m, first.copy.Mapping.Source), "/")
		if first.copy.Mapping.Source == "." {
			rel = m
		}
		targets[i] = path.Join(first.copy.Mapping.Dest, rel)
	}
	fd.Data = ManifestsFirst{
		Install:   p.Ref(first.install.In),
		Ecosystem: first.install.Ecosystem,
		Manifests: first.manifests,
		Targets:   targets,
		Dir:       first.install.Dir,
		Prefetch:  first.install.Prefetch,
		NoRewrite: first.install.NoRewrite,
	}
	p.Report(fd)
}

// depCommandText names an install for messages: "npm ci", "bundle install".
func depCommandText(c *analysis.Command) string {
	if p, ok := analysis.PipCommand(c); ok && p != c {
		c = p
	}
	name := c.Base()
	if sub, _ := c.Subcommand(); sub.Text != "" && sub.Literal {
		name += " " + sub.Text
		if sub.Text == "mod" {
			ops := c.Operands()
			if len(ops) > 1 {
				name += " " + ops[1].Text
			}
		}
	}
	return name
}

// depList writes "a", "a and b", "a, b and c".
func depList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// outside reports, cheaply, that a copy into dest cannot bring the
// install's manifests: they are plain names, found in the install's
// directory, which is not dest or under it. Every install is checked
// against every broad COPY before it.
func outside(d analysis.DepInstall, dest string) bool {
	dest = strings.TrimSuffix(dest, "/")
	if dest == "" || !strings.HasPrefix(d.Dir, "/") {
		return false
	}
	dir := path.Clean(d.Dir) // once: a stage asks this of every COPY before every install
	for _, name := range d.Manifests {
		if strings.Contains(name, "/") || strings.HasPrefix(name, "..") || joinsTo(dir, name, dest) {
			return false
		}
	}
	return d.Dir != dest && !(len(d.Dir) > len(dest) && strings.HasPrefix(d.Dir, dest) && d.Dir[len(dest)] == '/')
}

// joinsTo reports whether path.Join(dir, name) == dest, for a clean
// absolute dir and a name without a slash, without building the join.
func joinsTo(dir, name, dest string) bool {
	switch {
	case name == "" || name == ".":
		return dir == dest
	case dir == "/":
		return len(dest) == 1+len(name) && dest[0] == '/' && dest[1:] == name
	}
	return len(dest) == len(dir)+1+len(name) && strings.HasPrefix(dest, dir) && dest[len(dir)] == '/' && dest[len(dir)+1:] == name
}
