package analysis

import (
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"mvdan.cc/sh/v3/syntax"
)

// This file answers "which paths did an instruction put into its layer?" and
// "which paths does a RUN remove?", for the rules about bytes that a later
// layer cannot take back (cleanup-in-separate-layer,
// file-removed-in-later-layer, copy-then-chmod).

// CreatedPath is a path an instruction writes into its layer.
type CreatedPath struct {
	// Path is absolute and cleaned. For a tree it is the directory the
	// contents of a build-context directory were copied into.
	Path string
	// Tree marks the destination of a directory copy from the build
	// context: Source names the context directory ("." for the whole
	// context) whose contents now lie below Path.
	Tree   bool
	Source string
	// File is set when the path is known to be one regular file: a single
	// COPY source that lands under its own name in a destination directory,
	// a heredoc, a URL, a file name with an extension, or a RUN redirection.
	File bool
	// Pattern marks a Path holding glob characters (`COPY *.whl /tmp/`).
	Pattern bool
	// Copy marks paths created by COPY/ADD (not by a RUN).
	Copy bool
}

// CopySpec is a COPY or ADD read for its paths.
type CopySpec struct {
	Sources  []string // as written; heredoc sources are "<<NAME"
	Heredocs int
	Dest     string // absolute, cleaned; "" when not literal
	DestDir  bool   // the destination is a directory (trailing /, several sources)
	Add      bool
	From     string // --from
}

// ReadCopy reads the sources and destination of a COPY or ADD.
func ReadCopy(f *File, in *Instruction) (CopySpec, bool) {
	var sd instructions.SourcesAndDest
	var spec CopySpec
	switch c := in.Command().(type) {
	case *instructions.CopyCommand:
		sd, spec.From = c.SourcesAndDest, c.From
	case *instructions.AddCommand:
		sd, spec.Add = c.SourcesAndDest, true
	default:
		return spec, false
	}
	spec.Sources = append(spec.Sources, UnquotedPaths(f, sd.SourcePaths)...)
	for _, sc := range sd.SourceContents {
		spec.Sources = append(spec.Sources, "<<"+sc.Path)
	}
	spec.Heredocs = len(sd.SourceContents)
	raw := UnquotedPaths(f, []string{sd.DestPath})[0]
	if raw == "" || strings.ContainsAny(raw, "$") {
		return spec, true
	}
	spec.DestDir = strings.HasSuffix(raw, "/") || raw == "." || strings.HasSuffix(raw, "/.") || len(spec.Sources) > 1
	spec.Dest = ResolvePath(f.Workdir(in), raw)
	return spec, true
}

// UnquotedPaths are the sources (or destination) of a COPY or ADD as
// BuildKit reads them when it builds: quotes of the shell form removed
// (`ADD "file.tgz" /x/` adds file.tgz). A path holding a variable is left as
// written: its value is only known at build time.
func UnquotedPaths(f *File, sources []string) []string {
	out := make([]string, len(sources))
	for i, src := range sources {
		out[i] = src
		if !strings.ContainsAny(src, "\"'") || strings.Contains(src, "$") {
			continue
		}
		lex := shell.NewLex(rune(f.Escape))
		if res, err := lex.ProcessWordWithMatches(src, shell.EnvsFromSlice(nil)); err == nil {
			out[i] = res.Result
		}
	}
	return out
}

// The forms BuildKit's dfgitutil.ParseGitRef reads as remote: any
// scheme:// (http, https, git, ssh; others are rejected) and scp-style
// user@host:path. `github.com/x/y` without a scheme is a local path.
var (
	schemeRe = regexp.MustCompile(`^[a-zA-Z0-9]+://`)
	scpGitRe = regexp.MustCompile(`^[a-zA-Z0-9-_]+@[a-zA-Z0-9-.]+:`)
)

// IsRemoteSource reports whether an ADD source is fetched, not read from the
// build context: a URL or a git reference, as BuildKit decides.
func IsRemoteSource(src string) bool {
	return schemeRe.MatchString(src) || scpGitRe.MatchString(src)
}

func isHTTPURL(src string) bool {
	return strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")
}

// MayBeTarArchive reports whether a local ADD source may be a tar archive,
// which ADD unpacks. BuildKit decides by content, so any name that looks
// like a tarball or a compressed file counts; a .zip is never unpacked.
func MayBeTarArchive(src string) bool {
	name := strings.ToLower(path.Base(src))
	for _, ext := range []string{".tar", ".tgz", ".taz", ".tbz", ".tbz2", ".tb2", ".txz", ".tlz", ".tzst", ".gz", ".bz2", ".xz", ".zst", ".zstd", ".lz4", ".lzma", ".z"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// isGitURL is an http(s) URL that BuildKit clones: its path ends in .git.
func isGitURL(src string) bool {
	u, _, _ := strings.Cut(src, "#")
	u, _, _ = strings.Cut(u, "?")
	return strings.HasSuffix(u, ".git")
}

func HasGlob(s string) bool { return strings.ContainsAny(s, "*?[") }

// looksLikeFile reports whether a source names one file rather than a
// directory: it has an extension (`app.jar`, `.env`).
func looksLikeFile(src string) bool {
	base := path.Base(src)
	if strings.HasSuffix(src, "/") || base == "." || base == ".." || base == "/" {
		return false
	}
	return strings.Contains(base, ".")
}

// The rules that look back ask, for every removal or chmod, which earlier
// layer of the stage created a path. Scanning every earlier layer each time
// made a one-stage file quadratic; the stage's creations are indexed once,
// by the folders above each path, so a question reads only the creations
// that can answer it.

// creation is one path an instruction of the stage created: the pos-th
// instruction of the stage, the k-th path CreatedBy lists for it.
type creation struct {
	pos, k int
	by     *Instruction
	cp     CreatedPath
}

// creationIndex holds a stage's creations, built on first use: in order
// (all), and for a stage of more than indexedCreations of them also by
// path, so that questions about a long stage read few.
type creationIndex struct {
	once sync.Once
	all  []creation
	// exact holds plain paths and trees by path; under holds plain paths
	// by every folder above them too, and by the path itself.
	exact, under map[string][]creation
	// trees holds tree copies by the folder they fill; patterns, glob
	// destinations by the folder above their first glob.
	trees, patterns map[string][]creation
}

func (st *Stage) creations(f *File) *creationIndex {
	x := &st.creationsMemo
	x.once.Do(func() {
		for pos, in := range st.Instructions {
			for k, cp := range CreatedBy(f, in) {
				x.all = append(x.all, creation{pos: pos, k: k, by: in, cp: cp})
			}
		}
		if len(x.all) <= indexedCreations {
			return // a scan of so few is cheaper than the maps
		}
		x.exact, x.under = map[string][]creation{}, map[string][]creation{}
		x.trees, x.patterns = map[string][]creation{}, map[string][]creation{}
		for _, c := range x.all {
			switch cp := c.cp; {
			case cp.Tree:
				dir := path.Clean(cp.Path)
				x.trees[dir] = append(x.trees[dir], c)
				x.exact[dir] = append(x.exact[dir], c)
			case cp.Pattern:
				dir := staticDir(cp.Path)
				x.patterns[dir] = append(x.patterns[dir], c)
			default:
				x.exact[cp.Path] = append(x.exact[cp.Path], c)
				for d := cp.Path; ; d = path.Dir(d) {
					x.under[d] = append(x.under[d], c)
					if d == "/" || d == "." {
						break
					}
				}
			}
		}
	})
	return x
}

// indexedCreations is the number of creations above which a stage's are
// indexed by path (a variable for the test that holds both ways equal).
var indexedCreations = 64

// staticDir is the folder above the first segment of p with a glob in it
// (p's own folder when it has none).
func staticDir(p string) string {
	d := path.Dir(p)
	for HasGlob(d) {
		d = path.Dir(d)
	}
	return d
}

// latestFirst orders candidate creations as the look-back used to meet
// them: the latest instruction first, and its paths in CreatedBy's order.
func latestFirst(cs []creation) []creation {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].pos != cs[j].pos {
			return cs[i].pos > cs[j].pos
		}
		return cs[i].k < cs[j].k
	})
	return cs
}

// candidates lists the creations before in whose path may be rm.Path or
// lie below it (plain paths), hold it (trees) or match it (patterns),
// latest first.
func (x *creationIndex) candidates(rm Removal, in *Instruction) []creation {
	var out []creation
	if x.under == nil { // not indexed: every earlier creation
		for _, c := range x.all {
			if c.by.Index < in.Index {
				out = append(out, c)
			}
		}
		return latestFirst(out)
	}
	add := func(cs []creation) {
		for _, c := range cs {
			if c.by.Index < in.Index {
				out = append(out, c)
			}
		}
	}
	target := path.Clean(rm.Path)
	if HasGlob(target) {
		target = staticDir(target) // whatever the glob matches lies below
	}
	add(x.under[target])
	for d := path.Dir(rm.Path); ; d = path.Dir(d) {
		add(x.trees[d])
		add(x.patterns[d])
		if d == "/" || d == "." {
			break
		}
	}
	if HasGlob(rm.Path) {
		add(x.patterns[staticDir(rm.Path)])
	}
	return latestFirst(dedupe(out))
}

// dedupe drops repeated creations (a pattern folder can be reached twice).
func dedupe(cs []creation) []creation {
	seen := map[[2]int]bool{}
	out := cs[:0]
	for _, c := range cs {
		if key := [2]int{c.pos, c.k}; !seen[key] {
			seen[key] = true
			out = append(out, c)
		}
	}
	return out
}

// ExactCreations lists, latest first, the instructions before in, in its
// stage, that created exactly path p (a file, a folder, or the folder a tree
// copy filled; not a glob pattern), with what they created.
func ExactCreations(f *File, in *Instruction, p string) []Creation {
	if in.Stage == nil {
		return nil
	}
	x := in.Stage.creations(f)
	from := x.exact[path.Clean(p)]
	if x.exact == nil {
		from = x.all // not indexed: the test below picks
	}
	var cs []creation
	for _, c := range from {
		if c.by.Index < in.Index && (c.cp.Tree || !c.cp.Pattern) && path.Clean(c.cp.Path) == path.Clean(p) {
			cs = append(cs, c)
		}
	}
	out := make([]Creation, 0, len(cs))
	for _, c := range latestFirst(cs) {
		out = append(out, Creation{By: c.by, What: c.cp})
	}
	return out
}

// CreatedBy lists the paths instruction in writes into its layer. RUN paths
// under one of the RUN's own mounts are left out: they never reach a layer.
func CreatedBy(f *File, in *Instruction) []CreatedPath {
	// Remembered: rules ask it of every earlier layer for every removal.
	// Like Shell, it depends only on the instruction and those before it.
	m := in.memo.get()
	m.created.Do(func() {
		switch in.Name {
		case "copy", "add":
			m.createdPaths = copyCreates(f, in)
		case "run":
			m.createdPaths = runCreates(f, in)
		}
	})
	return m.createdPaths
}

func copyCreates(f *File, in *Instruction) []CreatedPath {
	spec, ok := ReadCopy(f, in)
	if !ok || spec.Dest == "" {
		return nil
	}
	var out []CreatedPath
	for _, src := range spec.Sources {
		if strings.Contains(src, "$") {
			continue
		}
		heredoc := strings.HasPrefix(src, "<<")
		remote := spec.Add && IsRemoteSource(src)
		if remote && !isHTTPURL(src) || remote && isGitURL(src) {
			continue // a git checkout: a tree we cannot list
		}
		if spec.Add && !remote && !heredoc && MayBeTarArchive(src) {
			continue // unpacked: its contents are unknown
		}
		name := path.Base(src)
		switch {
		case heredoc:
			name = strings.TrimPrefix(src, "<<")
		case remote:
			name = urlBase(src)
		}
		if !spec.DestDir {
			file := heredoc || remote || looksLikeFile(src)
			out = append(out, CreatedPath{Path: spec.Dest, File: file, Copy: true})
			if !file && !HasGlob(src) && spec.From == "" {
				out = append(out, CreatedPath{Path: spec.Dest, Tree: true, Source: contextRel(src), Copy: true})
			}
			continue
		}
		if HasGlob(name) {
			out = append(out, CreatedPath{Path: spec.Dest + "/" + name, Pattern: true, Copy: true})
			continue
		}
		if !heredoc && !remote && spec.From == "" && (strings.HasSuffix(src, "/") || name == "." || !looksLikeFile(src)) {
			out = append(out, CreatedPath{Path: spec.Dest, Tree: true, Source: contextRel(src), Copy: true})
		}
		if name == "." || name == "/" {
			continue
		}
		// A single file lands under its own name; a directory would spill
		// its contents instead, so a path under its name is a file.
		out = append(out, CreatedPath{Path: path.Join(spec.Dest, name), File: true, Copy: true})
	}
	return out
}

// urlBase is the file name BuildKit gives a downloaded URL.
func urlBase(u string) string {
	rest := u
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	rest, _, _ = strings.Cut(rest, "?")
	rest, _, _ = strings.Cut(rest, "#")
	_, p, ok := strings.Cut(rest, "/")
	if !ok {
		return "__unnamed__"
	}
	if b := path.Base("/" + p); b != "/" && b != "." {
		return b
	}
	return "__unnamed__"
}

// contextRel cleans a build-context source path: "./src/" -> "src".
func contextRel(src string) string {
	p := path.Clean("/" + src)
	if p == "/" {
		return "."
	}
	return strings.TrimPrefix(p, "/")
}

// RunPaths resolves the path words of a RUN command: literal ones, and
// those whose only expansions are variables with a value known at the RUN
// (`$APP_HOME/build`, from an ENV or an ARG default: a --build-arg may name
// another path, but a removal and a creation named through one variable
// still name the same one). Relative paths are resolved against WORKDIR
// unless the script changes directory (then they are dropped: their
// meaning is unknown).
type RunPaths struct {
	dir   string
	cdAny bool
	env   envAt
	text  string // the RUN's text, to see whether it sets a variable itself
}

func NewRunPaths(f *File, in *Instruction) RunPaths {
	rp := RunPaths{dir: f.Workdir(in), env: f.pathEnv(in), text: in.Logical.Text}
	for _, h := range in.Heredocs {
		rp.text += "\n" + h.Content
	}
	for _, c := range in.Shell(f).Commands {
		if c.Is("cd", "pushd", "popd") {
			rp.cdAny = true
		}
	}
	return rp
}

func (rp RunPaths) Resolve(w ShellWord) (string, bool) {
	text := w.Text
	if !w.Literal {
		var ok bool
		if text, ok = rp.expand(w.Raw); !ok {
			return "", false
		}
	}
	if text == "" || strings.HasPrefix(text, "~") || strings.HasPrefix(text, "-") {
		return "", false
	}
	if !strings.HasPrefix(text, "/") && rp.cdAny {
		return "", false
	}
	return ResolvePath(rp.dir, text), true
}

// expand reads a word whose expansions are all plain variables ($NAME,
// ${NAME}, in double quotes or none) with known values the RUN does not
// set itself; anything else ($(...), ${X:-y}, single quotes, escapes)
// gives false.
func (rp RunPaths) expand(raw string) (string, bool) {
	if strings.ContainsAny(raw, "'\\`") || strings.Contains(raw, "$(") {
		return "", false
	}
	ok := true
	out := os.Expand(strings.ReplaceAll(raw, `"`, ""), func(name string) string {
		v, known := rp.env.get(name)
		if !known || !isVarName(name) || rp.setsItself(name) {
			ok = false
		}
		return v
	})
	return out, ok && !strings.Contains(out, "$")
}

// setsItself reports whether the RUN's text names the variable other than
// by expanding it (`NAME=`, `export NAME`, `for NAME in`, `read NAME`):
// then its value at that point is not the one the Dockerfile gave.
func (rp RunPaths) setsItself(name string) bool {
	for i := 0; ; {
		j := strings.Index(rp.text[i:], name)
		if j < 0 {
			return false
		}
		j += i
		before := byte(' ')
		if j > 0 {
			before = rp.text[j-1]
		}
		if before != '$' && before != '{' {
			return true
		}
		i = j + len(name)
	}
}

func isVarName(s string) bool {
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

func runCreates(f *File, in *Instruction) []CreatedPath {
	rp := NewRunPaths(f, in)
	var out []CreatedPath
	add := func(w ShellWord, file bool) {
		if p, ok := rp.Resolve(w); ok && !CoveredByMount(in, p) {
			out = append(out, CreatedPath{Path: p, File: file, Pattern: HasGlob(w.Text)})
		}
	}
	for _, c := range in.Shell(f).Commands {
		ops := c.Operands()
		switch {
		case c.Is("touch"):
			for _, w := range ops {
				add(w, true)
			}
		case c.Is("mkdir"):
			for _, w := range ops {
				add(w, false)
			}
		case c.Is("curl"):
			if v, ok := c.FlagValue("o", "output"); ok {
				add(ShellWord{Word: Word{Text: v}, Literal: !strings.ContainsAny(v, "$`")}, true)
			}
		case c.Is("wget"):
			if v, ok := c.FlagValue("O", "output-document"); ok && v != "-" {
				add(ShellWord{Word: Word{Text: v}, Literal: !strings.ContainsAny(v, "$`")}, true)
			}
		case c.Is("git"):
			if sub, i := c.Subcommand(); sub.Text == "clone" {
				rest := (&Command{Name: c.Name, Args: c.Args[i+1:]}).Operands()
				switch {
				case len(rest) >= 2:
					add(rest[1], false)
				case len(rest) == 1 && rest[0].Literal:
					name := strings.TrimSuffix(path.Base(strings.TrimSuffix(rest[0].Text, "/")), ".git")
					add(ShellWord{Word: Word{Text: name}, Literal: true}, false)
				}
			}
		case c.Is("cp", "mv"):
			if len(ops) >= 2 {
				dst := ops[len(ops)-1]
				if len(ops) == 2 && !strings.HasSuffix(dst.Text, "/") {
					add(dst, false)
				} else if dst.Literal {
					for _, s := range ops[:len(ops)-1] {
						if s.Literal {
							add(ShellWord{Word: Word{Text: path.Join(dst.Text, path.Base(s.Text))}, Literal: true}, false)
						}
					}
				}
			}
		}
	}
	for _, w := range RunRedirectTargets(f, in) {
		add(ShellWord{Word: Word{Text: w}, Literal: true}, true)
	}
	// What the RUN removes again never reaches its layer.
	rms := RemovedBy(f, in)
	kept := out[:0]
	for _, cp := range out {
		gone := false
		for _, rm := range rms {
			if Removes(rm.Path, cp.Path, rm.Recurs) {
				gone = true
				break
			}
		}
		if !gone {
			kept = append(kept, cp)
		}
	}
	return kept
}

// CoveredByMount reports whether p lies on one of the RUN's mounts.
func CoveredByMount(in *Instruction, p string) bool {
	for _, m := range RunMounts(in) {
		if m.Covers(p) {
			return true
		}
	}
	return false
}

// RunRedirectTargets are the literal files a RUN writes with > >> &> >|.
func RunRedirectTargets(f *File, in *Instruction) []string {
	return in.Shell(f).redirects
}

// redirectTargets works out runRedirectTargets for a script being built.
// The Script's commands leave redirections out, so the shell text (and any
// heredoc body run as shell) is parsed again here, once per script: the
// script, which the parse cache keeps, carries the result. Parse errors
// give none.
func redirectTargets(f *File, in *Instruction, script *Script) []string {
	if script.Exec || !script.Parsed {
		return nil
	}
	texts := []string{argsSource(f, in).text}
	if len(in.Heredocs) > 0 {
		for _, h := range in.Heredocs {
			texts[0] += "\n" + h.Name
		}
		if script.Heredoc {
			for _, h := range in.Heredocs {
				texts = append(texts, h.Content)
			}
		}
	}
	var out []string
	for _, text := range texts {
		file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(text+"\n"), "")
		if err != nil {
			continue
		}
		syntax.Walk(file, func(n syntax.Node) bool {
			r, ok := n.(*syntax.Redirect)
			if !ok || r.Word == nil {
				return true
			}
			switch r.Op {
			case syntax.RdrOut, syntax.AppOut, syntax.RdrAll, syntax.AppAll, syntax.ClbOut:
				if r.N != nil && r.N.Value != "1" && r.N.Value != "2" {
					return true
				}
				if v, ok := unquoteWord(r.Word); ok && v != "/dev/null" && !strings.HasPrefix(v, "/dev/") && !strings.HasPrefix(v, "/proc/") {
					out = append(out, v)
				}
			}
			return true
		})
	}
	return out
}

// Removal is one path a RUN removes.
type Removal struct {
	Cmd    *Command
	Word   ShellWord
	Path   string // absolute, cleaned; may hold glob characters
	Recurs bool
}

// RemovedBy lists the literal paths that rm, rmdir and unlink remove in a
// RUN, resolved against WORKDIR.
func RemovedBy(f *File, in *Instruction) []Removal {
	if in.Name != "run" {
		return nil
	}
	rp := NewRunPaths(f, in)
	var out []Removal
	for _, c := range in.Shell(f).Find("rm", "rmdir", "unlink") {
		recursive := c.Is("rm") && c.HasFlag("r", "recursive") || c.HasFlag("R", "")
		for _, w := range c.Operands() {
			if p, ok := rp.Resolve(w); ok && p != "/" {
				out = append(out, Removal{Cmd: c, Word: w, Path: p, Recurs: recursive})
			}
		}
	}
	return out
}

// Removes reports whether removing target (maybe a glob) takes away p.
func Removes(target, p string, recursive bool) bool {
	match := func(a string) bool {
		if a == target {
			return true
		}
		ok, _ := path.Match(target, a)
		return ok && HasGlob(target)
	}
	if match(p) {
		return true
	}
	if !recursive {
		return false
	}
	for d := path.Dir(p); d != "/" && d != "."; d = path.Dir(d) {
		if match(d) {
			return true
		}
	}
	return false
}

// Creation is an earlier instruction that created a path a RUN removes.
type Creation struct {
	By   *Instruction
	What CreatedPath
	// Sub is, for a tree, the removed path relative to the tree root.
	Sub string
}

// CreatorOf finds the latest instruction before in, in its stage, that put
// the removed path into a layer. A tree copy counts only when ws (the build
// context) confirms the removed path exists in the copied directory.
func CreatorOf(f *File, in *Instruction, rm Removal, ws Workspace) (Creation, bool) {
	if in.Stage == nil {
		return Creation{}, false
	}
	for _, c := range in.Stage.creations(f).candidates(rm, in) {
		prev, cp := c.by, c.cp
		switch {
		case cp.Tree:
			if ws == nil || HasGlob(rm.Path) || !strings.HasPrefix(rm.Path, strings.TrimSuffix(cp.Path, "/")+"/") {
				continue
			}
			sub := strings.TrimPrefix(rm.Path, strings.TrimSuffix(cp.Path, "/")+"/")
			rel := path.Join(cp.Source, sub)
			if ws.Exists(rel) {
				return Creation{By: prev, What: cp, Sub: sub}, true
			}
		case cp.Pattern:
			if ok, _ := path.Match(cp.Path, rm.Path); ok || cp.Path == rm.Path {
				return Creation{By: prev, What: cp}, true
			}
		default:
			if Removes(rm.Path, cp.Path, rm.Recurs) {
				return Creation{By: prev, What: cp}, true
			}
		}
	}
	return Creation{}, false
}

// layerBefore is the nearest instruction before in, in its stage, that
// adds a layer (RUN, COPY, ADD), or nil.
func layerBefore(in *Instruction) *Instruction {
	return lastBefore(in, func(prev *Instruction) bool {
		return prev.Name == "run" || prev.Name == "copy" || prev.Name == "add"
	})
}

// prevInstruction is the instruction right before in, in its stage.
func prevInstruction(in *Instruction) *Instruction {
	return lastBefore(in, func(*Instruction) bool { return true })
}

// lastBefore is the last instruction before in, in its stage, that keep
// accepts, or nil.
func lastBefore(in *Instruction, keep func(*Instruction) bool) *Instruction {
	if in.Stage == nil {
		return nil
	}
	var last *Instruction
	for _, prev := range in.Stage.Instructions {
		if prev.Index >= in.Index {
			break
		}
		if keep(prev) {
			last = prev
		}
	}
	return last
}
