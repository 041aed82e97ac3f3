package rules

import (
	pathpkg "path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var copyThenChmod = &analysis.Rule{
	ID:         "copy-then-chmod",
	Source:     analysis.SourceLayerwise,
	Category:   analysis.CategorySize,
	LayerBound: true,
	Severity:   analysis.SeverityWarning,
	Summary:    "chmod/chown in a RUN after COPY stores the copied files a second time",
	Doc: "Changing a file's mode or owner in a RUN copies the whole file up into the RUN's " +
		"layer: the bytes ship twice, once from the COPY and once with the new permissions. " +
		"A 200 MB binary copied and then `chmod +x`-ed adds 400 MB to the image. COPY and ADD " +
		"can set both at copy time with `--chmod` and `--chown` (BuildKit, the default " +
		"builder since Docker 23).\n\n" +
		"Bad:\n\n" +
		"    COPY build/server /usr/local/bin/server\n" +
		"    RUN chmod +x /usr/local/bin/server\n\n" +
		"Good:\n\n" +
		"    COPY --chmod=755 build/server /usr/local/bin/server\n\n" +
		"The quick fix adds `--chmod=`/`--chown=` to the COPY and deletes the RUN when the RUN " +
		"does nothing else, the target is the one file the COPY created, and the mode is octal " +
		"or a symbolic mode that means the same without the shell's umask (`+x`, `u+x`, " +
		"`go-w`; symbolic values need a recent Dockerfile frontend: pin " +
		"`# syntax=docker/dockerfile:1` if an older builder rejects them). `chown user file` keeps the file's group, so it becomes `--chown=user:root`. " +
		"For a directory copy (`COPY . /app` + `RUN chown -R app /app`) the change is offered " +
		"as a rewrite: `--chown` does not touch `/app` itself nor files an earlier layer put " +
		"there. A chmod over the files of several COPYs, and one in a RUN that does other " +
		"work too, are reported without a fix, for the copied files no other command of the " +
		"RUN names (a file the RUN rewrites anyway costs the chmod nothing). A script or " +
		"configuration file (`.sh`, `.py`, `.conf`, `.yaml`, ...) is a few kilobytes, and " +
		"storing it twice is not reported. " +
		"Only stages that end up in the image are checked.\n\n" +
		"Silence with `# layerwise ignore=copy-then-chmod`.",
	Scope: analysis.ScopeStageInPlace,
	Run:   checkCopyThenChmod,
}

// permChange is one chmod/chown/chgrp command read for its meaning.
type permChange struct {
	cmd       *analysis.Command
	kind      string // chmod, chown, chgrp
	value     string // the mode or owner spec
	paths     []string
	recursive bool
	other     bool // an option we do not translate (--reference, --from, -h)
	// unresolved is set when a path operand could not be read (a
	// variable, ~): paths holds the others.
	unresolved bool
}

var (
	permOptions = map[string]bool{
		"-R": true, "--recursive": true, "-f": true, "--silent": true, "--quiet": true,
		"-v": true, "--verbose": true, "-c": true, "--changes": true,
		"--preserve-root": true, "--no-preserve-root": true, "--dereference": true,
		"-H": true, "-L": true, "-P": true,
	}
	octalMode = regexp.MustCompile(`^[0-7]{1,4}$`)
	symClause = regexp.MustCompile(`^([ugoa]*)((?:[-+=][rwxXst]*)+)$`)
)

// readPermChange reads a chmod, chown or chgrp command; rp resolves paths.
func readPermChange(rp analysis.RunPaths, c *analysis.Command) (permChange, bool) {
	pc := permChange{cmd: c, kind: c.Base()}
	switch pc.kind {
	case "chmod", "chown", "chgrp":
	default:
		return pc, false
	}
	var words []analysis.ShellWord
	dashdash := false
	shortOpts := "RfvcHLP" // chown/chgrp; -h acts on links: not translated
	if pc.kind == "chmod" {
		shortOpts = "Rfvc" // -r, -w, -x are modes
	}
	for _, a := range c.Args {
		t := a.Text
		switch {
		case dashdash:
			words = append(words, a)
		case t == "--":
			dashdash = true
		case permOptions[t] || len(t) > 1 && t[0] == '-' && t[1] != '-' && strings.Trim(t[1:], shortOpts) == "":
			pc.recursive = pc.recursive || t == "--recursive" || !strings.HasPrefix(t, "--") && strings.Contains(t, "R")
		case strings.HasPrefix(t, "--") || strings.HasPrefix(t, "-") && (pc.kind != "chmod" || len(words) > 0):
			pc.other = true
		default:
			words = append(words, a)
		}
	}
	if len(words) < 2 || !words[0].Literal {
		return pc, false
	}
	pc.value = words[0].Text
	for _, w := range words[1:] {
		p, ok := rp.Resolve(w)
		if !ok {
			pc.unresolved = true // `$HOME`: a path this change touches, unknown
			continue
		}
		pc.paths = append(pc.paths, p)
	}
	return pc, true
}

// buildkitMode reports whether mode means the same for `COPY --chmod` as
// for chmod in a RUN: octal up to 7777, or symbolic clauses that name who
// they apply to or do not grant write (BuildKit applies symbolic modes
// without a umask; the shell applies 022).
func buildkitMode(mode string) bool {
	if octalMode.MatchString(mode) {
		return true
	}
	for _, clause := range strings.Split(mode, ",") {
		m := symClause.FindStringSubmatch(clause)
		if m == nil {
			return false
		}
		if m[1] == "" && strings.Contains(m[2], "w") {
			return false
		}
	}
	return true
}

func checkCopyThenChmod(p *analysis.Pass) {
	for _, in := range p.ShippedRuns() {
		checkPermRun(p, in)
	}
}

// checkPermRun reports the permission changes of a RUN on files COPY or
// ADD created. A RUN that does more than change permissions is judged too
// (a `chown -R app /app.jar` amid the installs still stores the jar twice),
// but only for paths no other command of the RUN names or writes: a file
// the RUN rewrites anyway costs the chmod nothing. Only a RUN that does
// nothing else can become COPY flags.
func checkPermRun(p *analysis.Pass, in *analysis.Instruction) {
	f := p.File
	rp := analysis.NewRunPaths(f, in)
	var changes []permChange
	var others []*analysis.Command
	for _, c := range in.Shell(f).Commands {
		if neutralCommand(c) && !c.Is("echo") {
			continue
		}
		if pc, ok := readPermChange(rp, c); ok {
			changes = append(changes, pc)
		} else {
			others = append(others, c)
		}
	}
	if len(changes) == 0 || coveredPaths(in, changes) {
		return
	}
	touched := otherwiseTouched(rp, others, analysis.RunRedirectTargets(f, in))
	fixable := len(others) == 0 && len(touched) == 0
	var copies []*analysis.Instruction
	var created []analysis.CreatedPath
	var found []analysis.Finding
	for _, pc := range changes {
		paths, bys, cp := copiedBy(f, in, pc, touched)
		if len(bys) == 0 {
			continue
		}
		by := bys[0]
		if len(bys) == 1 && len(paths) == len(pc.paths) && !pc.unresolved {
			copies = append(copies, by)
			created = append(created, cp)
		}
		its := "its"
		if len(paths) > 1 {
			its = "their"
		}
		fd := analysis.Finding{Range: pc.cmd.Range, Message: pc.kind + " of " + strings.Join(paths, " ") + ", which " + copiedWhere(bys) +
			" added: " + its + " bytes are stored again in this layer; use " + strings.ToUpper(by.Name) + " --" + flagFor(pc.kind)}
		for _, b := range bys {
			fd.Related = append(fd.Related, analysis.Related{Range: b.LineRange(), Message: "the files were first stored by this layer"})
		}
		found = append(found, fd)
	}
	// The fix needs every command of the RUN on the one path of one COPY.
	if fixable && len(copies) == len(changes) {
		if plan, ok := permFixPlan(f, in, changes, copies, created); ok {
			plan.Copy = p.Ref(copies[0])
			for i := range found {
				found[i].Data = plan
			}
		}
	}
	for _, fd := range found {
		p.Report(fd)
	}
}

// CopyFlags is the Data of copy-then-chmod when the RUN (the finding's) can
// become flags of the COPY Copy: --chmod=Chmod and --chown=Chown (either
// may be ""). Quick says the result is the same (the one file the COPY
// created), so the fix may be applied with the others; otherwise it is a
// rewrite (a copied directory, whose own mode chmod -R changed too).
type CopyFlags struct {
	Copy         analysis.Ref
	Quick        bool
	Chmod, Chown string
}

func flagFor(kind string) string {
	if kind == "chmod" {
		return "chmod"
	}
	return "chown"
}

// coveredPaths reports whether a change works on a mount of the RUN.
func coveredPaths(in *analysis.Instruction, changes []permChange) bool {
	for _, pc := range changes {
		for _, path := range pc.paths {
			if analysis.CoveredByMount(in, path) {
				return true
			}
		}
	}
	return false
}

// copiedWhere names the COPY/ADD instructions that created the files:
// "the COPY at line 3", "the COPYs at lines 3, 4".
func copiedWhere(bys []*analysis.Instruction) string {
	names := map[string]bool{}
	var lines []string
	for _, b := range bys {
		names[strings.ToUpper(b.Name)] = true
		lines = append(lines, strconv.Itoa(int(b.Range.Start.Line)+1))
	}
	name := strings.ToUpper(bys[0].Name)
	if len(names) > 1 {
		name = "COPY/ADD"
	}
	if len(bys) == 1 {
		return "the " + name + " at line " + lines[0]
	}
	return "the " + name + "s at lines " + strings.Join(lines, ", ")
}

// otherwiseTouched lists the paths the commands of a RUN that are not
// permission changes name as operands, and the files it redirects into.
func otherwiseTouched(rp analysis.RunPaths, others []*analysis.Command, redirects []string) []string {
	touched := slices.Clone(redirects)
	for _, c := range others {
		for _, w := range c.Operands() {
			if path, ok := rp.Resolve(w); ok {
				touched = append(touched, path)
			}
		}
	}
	return touched
}

// smallTextExt are the extensions of scripts and configuration files: a
// few kilobytes, not worth a word when stored twice.
var smallTextExt = map[string]bool{
	".sh": true, ".bash": true, ".zsh": true, ".py": true, ".rb": true, ".pl": true, ".php": true,
	".js": true, ".mjs": true, ".cjs": true, ".lua": true, ".conf": true, ".cfg": true, ".cnf": true,
	".ini": true, ".yml": true, ".yaml": true, ".json": true, ".toml": true, ".xml": true,
	".properties": true, ".env": true, ".txt": true, ".service": true, ".sql": true,
}

// smallTextFile reports whether path names a script or configuration file.
func smallTextFile(path string) bool { return smallTextExt[strings.ToLower(pathpkg.Ext(path))] }

// touchedAt reports whether path, or a folder above it, is one of touched.
func touchedAt(path string, touched []string) bool {
	for _, t := range touched {
		if t == path || strings.HasPrefix(path, strings.TrimSuffix(t, "/")+"/") {
			return true
		}
	}
	return false
}

// copiedBy finds the paths of pc that a COPY/ADD of in's stage created
// (the file itself, or for a recursive change the destination of a copy)
// and no other command of the RUN touches, and the instructions that
// created them, in order and without repeats; and what the first path is.
// A path a RUN wrote since the COPY is not the COPY's any more.
func copiedBy(f *analysis.File, in *analysis.Instruction, pc permChange, touched []string) ([]string, []*analysis.Instruction, analysis.CreatedPath) {
	var paths []string
	var bys []*analysis.Instruction
	var first analysis.CreatedPath
	for _, target := range pc.paths {
		if touchedAt(target, touched) || !pc.recursive && smallTextFile(target) {
			continue
		}
		var by *analysis.Instruction
		var what analysis.CreatedPath
		for _, c := range analysis.ExactCreations(f, in, target) {
			if by != nil && c.By != by {
				break // the latest COPY that created it is found
			}
			if c.By.Name == "run" {
				break // a RUN that wrote the path since: its layer already holds it
			}
			if c.What.Tree && !pc.recursive {
				continue
			}
			if by == nil || !what.File {
				by, what = c.By, c.What // a file over the folder of the same copy
			}
		}
		if by == nil {
			continue
		}
		if len(paths) == 0 {
			first = what
		}
		paths = append(paths, target)
		if !slices.Contains(bys, by) {
			bys = append(bys, by)
		}
	}
	return paths, bys, first
}

// permFixPlan works out the flags that replace the RUN (without the Copy
// Ref), or false when the RUN cannot be expressed as COPY flags with the
// same result.
func permFixPlan(f *analysis.File, in *analysis.Instruction, changes []permChange, copies []*analysis.Instruction, created []analysis.CreatedPath) (CopyFlags, bool) {
	by := copies[0]
	target := changes[0].paths[0]
	file := true
	for i, pc := range changes {
		if copies[i] != by || len(pc.paths) != 1 || pc.paths[0] != target || pc.other {
			return CopyFlags{}, false
		}
		if !created[i].File {
			file = false
		}
	}
	if len(in.Flags) > 0 {
		return CopyFlags{}, false
	}
	spec, ok := analysis.ReadCopy(f, by)
	if !ok || len(spec.Sources) != 1 {
		return CopyFlags{}, false
	}
	existingMode, hasMode := by.Flag("chmod")
	existingOwner, hasOwner := by.Flag("chown")
	_, link := by.Flag("link")
	user, group := "", ""
	if hasOwner {
		user, group, _ = strings.Cut(existingOwner.Value, ":")
	}
	mode := ""
	seen := map[string]bool{}
	for _, pc := range changes {
		if seen[pc.kind] {
			return CopyFlags{}, false
		}
		seen[pc.kind] = true
		switch pc.kind {
		case "chmod":
			if !buildkitMode(pc.value) || hasMode && !(octalMode.MatchString(pc.value) && octalMode.MatchString(existingMode.Value)) {
				return CopyFlags{}, false
			}
			mode = pc.value
		case "chown":
			u, g, colon := strings.Cut(pc.value, ":")
			if u == "" {
				return CopyFlags{}, false // chown :group: spelled chgrp below
			}
			user = u
			switch {
			case colon && g == "":
				group = "" // the user's login group, as BuildKit does for a bare user
			case colon:
				group = g
			case group == "":
				group = "root" // chown keeps the group a COPY gave: root
			}
		case "chgrp":
			group = pc.value
			if user == "" {
				user = "root"
			}
		}
	}
	plan := CopyFlags{Quick: file}
	if mode != "" {
		plan.Chmod = mode
	}
	if user != "" {
		owner := user
		if group != "" {
			owner += ":" + group
		}
		if link && (!numericOrRoot(user) || group != "" && !numericOrRoot(group)) {
			return CopyFlags{}, false // --link cannot resolve names
		}
		if strings.ContainsAny(owner, "$ \t") {
			return CopyFlags{}, false
		}
		plan.Chown = owner
	}
	if plan.Chmod == "" && plan.Chown == "" {
		return CopyFlags{}, false
	}
	if strings.Contains(plan.Chmod, "$") {
		return CopyFlags{}, false
	}
	return plan, true
}

func numericOrRoot(s string) bool {
	if s == "root" {
		return true
	}
	_, err := strconv.Atoi(s)
	return err == nil
}
