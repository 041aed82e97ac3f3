package analysis

import (
	"encoding/json"
	"path"
	"sort"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Script is the shell program of one RUN (or shell-form CMD/ENTRYPOINT):
// every simple command it runs, each word with its exact range in the
// Dockerfile. Rules match on Commands, never on substrings of the text.
type Script struct {
	// Commands lists every simple command in source order, wherever it
	// stands: after && || ; |, in ( ) and { }, in if/elif/else conditions and
	// bodies, in for/while/until/case bodies, in function bodies, inside
	// $(...), `...` and <(...), and inside `sh -c '...'` / `bash -c "..."`
	// strings that hold no escapes or expansions.
	Commands []*Command
	// Parsed is false when some shell text did not parse (or runs under a
	// non-POSIX SHELL such as powershell) and its Commands come from a token
	// scan that splits on && || ; | & newlines and blanks. Such commands are
	// still reported, never silently dropped; rules may lower their
	// confidence.
	Parsed bool
	// Heredoc is set when commands come from a here-document body run by the
	// shell: `RUN <<EOF` alone, or `RUN bash <<EOF` / `sh -e <<EOF`.
	Heredoc bool
	// Exec is set for the exec form `RUN ["cmd", "arg"]`: one command whose
	// words are the array elements (ranges include the quotes).
	Exec bool
	// redirects are the files a RUN's output redirections write (see
	// runRedirectTargets).
	redirects []string
}

// ShellWord is one word of a command.
type ShellWord struct {
	// Word.Text is the word's value with quotes and backslash escapes
	// removed when Literal; otherwise it is Raw. Word.Range covers the word
	// as written, quotes included.
	Word
	// Raw is the word as written in the shell text (continuations removed).
	Raw string
	// Literal reports that the word has no expansion ($x, $(...), `...`,
	// $'...'): its Text is exactly what the command receives. Globs and
	// braces are kept as written.
	Literal bool
}

// Command is one simple command.
type Command struct {
	// Name is the command run, after assignment prefixes and wrappers.
	Name ShellWord
	// Args are the words after Name; redirections are not included.
	Args []ShellWord
	// Env are the assignments before the command (`DEBIAN_FRONTEND=x`),
	// including those given to sudo and env; Text is name=value.
	Env []ShellWord
	// Prefix are the wrapper words stripped before Name, with their options:
	// sudo, env, exec, nohup, time, nice, command (not -v/-V), xargs,
	// eatmydata. `sudo -u app env X=1 pip install` has Prefix
	// [sudo -u app env], Env [X=1], Name pip.
	Prefix []ShellWord
	// Range covers the command from its first word (assignment or wrapper)
	// to its last.
	Range Range
	// Sudo is set when sudo is one of the wrappers.
	Sudo bool
	// Pipe is set when the command is a direct operand of a pipeline
	// (`a | b`, `a |& b`).
	Pipe bool
}

// Shell returns the shell program of a RUN, ONBUILD RUN, CMD or ENTRYPOINT
// instruction of f, computed once and shared. Other instructions give an
// empty Script.
//
// The shell text is the instruction's logical line after its flags
// (continuations and the escape directive already resolved), parsed as
// bash; or the here-document body the shell runs; or the exec-form array.
// A SHELL other than sh/bash/dash/ash/ksh/zsh in the stage gives a token
// scan (Parsed false).
func (in *Instruction) Shell(f *File) *Script {
	m := in.memo.get()
	if s := m.remembered(); s != nil {
		return s
	}
	m.shellMu.Lock()
	defer m.shellMu.Unlock()
	if s := m.remembered(); s != nil { // built while this call waited
		return s
	}
	if in.chunk != nil {
		return in.cachedScript(f, m)
	}
	s := buildScript(f, in)
	m.script.Store(s)
	return s
}

// Find returns the commands whose name (base name, so /usr/bin/apt-get
// counts) is one of names.
func (s *Script) Find(names ...string) []*Command {
	var out []*Command
	for _, c := range s.Commands {
		if c.Is(names...) {
			out = append(out, c)
		}
	}
	return out
}

// Is reports whether the command's base name is one of names.
func (c *Command) Is(names ...string) bool {
	base := c.Base()
	for _, n := range names {
		if base == n {
			return true
		}
	}
	return false
}

// Base is the base name of the command: "apt-get" for /usr/bin/apt-get.
func (c *Command) Base() string { return path.Base(c.Name.Text) }

// Subcommand returns the first argument that is neither an option nor the
// value of a known option, and its index in Args; (ShellWord{}, -1) when
// there is none. `apt-get -qq -o Foo=1 --no-install-recommends install x`
// gives "install", index 4. Options known to take a separate value are
// listed per tool in valueOptions (apt-get -o/-c/-t, apk --virtual, git -C,
// python -m, ...): `python3 -m pip install` gives "install".
func (c *Command) Subcommand() (ShellWord, int) {
	at := -1
	c.eachArg(func(i int, kind argKind) bool {
		if kind == argPositional {
			at = i
			return false
		}
		return true
	})
	if at < 0 {
		return ShellWord{}, -1
	}
	return c.Args[at], at
}

// SubcommandText is the text of the command's subcommand (see
// Subcommand): "install" for `apt-get -y install curl`, "" when there is
// none.
func (c *Command) SubcommandText() string {
	sub, _ := c.Subcommand()
	return sub.Text
}

// Operands are the arguments of c that are neither options nor their
// values (and every word after --): its subcommand first, if it has one.
func (c *Command) Operands() []ShellWord {
	var out []ShellWord
	c.eachArg(func(i int, kind argKind) bool {
		if kind == argPositional {
			out = append(out, c.Args[i])
		}
		return true
	})
	return out
}

// IsQuery reports whether the command only reports and changes nothing:
// it asks for its version or its help (`yarn --version`, `npm -v`, `pip
// install --help`), or, for apt and apk, only simulates (`apt-get install
// -s`, `apk add --simulate`). Such a command installs nothing and leaves no
// cache behind, whatever its subcommand says.
func (c *Command) IsQuery() bool {
	// --version asks the version only with nothing to act on: `gem install
	// rails --version 7.1.0` pins one.
	if (c.HasFlag("", "version") || c.HasFlag("", "help")) && len(c.Operands()) <= 1 {
		return true
	}
	if len(c.Args) == 1 {
		switch c.Args[0].Text {
		case "-v", "-V", "-h":
			return true
		}
	}
	switch {
	case c.Is("apt-get", "apt", "aptitude"):
		if c.HasFlag("", "simulate") || c.HasFlag("", "dry-run") || c.HasFlag("", "just-print") || c.HasFlag("", "recon") || c.HasFlag("", "no-act") {
			return true
		}
		// -s, alone or among apt's other one-letter switches (-qsy);
		// -o, -c and -t take a value that may hold any letter.
		simulate := false
		c.eachArg(func(i int, kind argKind) bool {
			w := c.Args[i].Text
			simulate = kind == argOption && !strings.HasPrefix(w, "--") && strings.Trim(w[1:], "qsydfmubV") == "" && strings.Contains(w, "s")
			return !simulate
		})
		if simulate {
			return true
		}
	case c.Is("apk"):
		return c.HasFlag("", "simulate") || c.ExactFlag("-s")
	}
	return false
}

// ExactFlag reports whether one of the command's options (before `--`) is
// written exactly as word: `-s`, not `-qs`.
func (c *Command) ExactFlag(word string) bool {
	found := false
	c.eachArg(func(i int, kind argKind) bool {
		found = kind == argOption && c.Args[i].Text == word
		return !found
	})
	return found
}

// HasFlag reports whether the command has an option, before or after its
// subcommand (but not after `--`). short is a one-letter option ("y"),
// found alone (-y) or in a cluster (-qy); a longer short ("nv") matches only
// the exact word (-nv). long ("yes") matches --yes and --yes=value. Either
// may be "", and leading dashes are ignored. Words that are values of known
// options are not options. A cluster holding an attached value (-ofoo)
// is read as letters, as no tool-independent reading can tell.
func (c *Command) HasFlag(short, long string) bool {
	_, ok := c.findFlag(short, long)
	return ok
}

// FlagValue returns the value of an option: --long=value, --long value,
// -s value or -svalue (also at the end of a cluster: -qo value). It reports
// false when the option is absent or has no value.
func (c *Command) FlagValue(short, long string) (string, bool) {
	a, ok := c.findFlag(short, long)
	if !ok {
		return "", false
	}
	w := c.Args[a.index].Text
	short = strings.TrimLeft(short, "-")
	if strings.HasPrefix(w, "--") {
		if _, value, ok := strings.Cut(w, "="); ok {
			return value, true
		}
	} else if len(short) == 1 {
		if i := strings.Index(w[1:], short) + 1; i < len(w)-1 {
			return w[i+1:], true
		}
	}
	if a.index+1 < len(c.Args) {
		return c.Args[a.index+1].Text, true
	}
	return "", false
}

func (c *Command) findFlag(short, long string) (scannedArg, bool) {
	short = strings.TrimLeft(short, "-")
	long = strings.TrimLeft(long, "-")
	at := -1
	c.eachArg(func(i int, kind argKind) bool {
		if kind != argOption {
			return true
		}
		w := c.Args[i].Text
		switch {
		case strings.HasPrefix(w, "--"):
			name, _, _ := strings.Cut(w[2:], "=")
			if long != "" && name == long {
				at = i
			}
		case len(short) > 1:
			if w == "-"+short {
				at = i
			}
		case short != "":
			if strings.Contains(w[1:], short) {
				at = i
			}
		}
		return at < 0
	})
	if at < 0 {
		return scannedArg{}, false
	}
	return scannedArg{index: at, kind: argOption}, true
}

type argKind int

const (
	argOption     argKind = iota // -x, --x, --x=v
	argValue                     // the separate value of the option before
	argPositional                // anything else, and every word after --
	argDashDash                  // --
)

type scannedArg struct {
	index int
	kind  argKind
}

// scanArgs classifies every argument: option, option value, positional.
func (c *Command) scanArgs() []scannedArg {
	out := make([]scannedArg, 0, len(c.Args))
	c.eachArg(func(i int, kind argKind) bool {
		out = append(out, scannedArg{i, kind})
		return true
	})
	return out
}

// eachArg calls fn with the index and kind of every argument, in order,
// until fn returns false. It allocates nothing: the rules ask it of every
// command several times (Subcommand, HasFlag, IsQuery).
func (c *Command) eachArg(fn func(i int, kind argKind) bool) {
	opts := optionsFor(c.Base())
	afterDashDash, wantValue := false, false
	for i, a := range c.Args {
		w := a.Text
		var kind argKind
		switch {
		case afterDashDash:
			kind = argPositional
		case wantValue:
			kind, wantValue = argValue, false
		case w == "--":
			kind, afterDashDash = argDashDash, true
		case len(w) > 1 && w[0] == '-':
			kind, wantValue = argOption, opts.takesValue(w)
		default:
			kind = argPositional
		}
		if !fn(i, kind) {
			return
		}
	}
}

// valueOpts lists the options of one tool that take their value as the next
// word. Entries are spelled with their dashes: "-o", "--option", or a
// single-dash long option such as go's "-ldflags".
type valueOpts []string

// takesValue reports whether option word w consumes the next word.
func (v valueOpts) takesValue(w string) bool {
	if strings.Contains(w, "=") {
		return false
	}
	for _, o := range v {
		if w == o {
			return true
		}
	}
	if strings.HasPrefix(w, "--") {
		return false
	}
	// A cluster like -qo: the last letter decides, an earlier value letter
	// takes the rest of the cluster as its value.
	for i := 1; i < len(w); i++ {
		for _, o := range v {
			if len(o) == 2 && o[1] == w[i] {
				return i == len(w)-1
			}
		}
	}
	return false
}

// valueOptions are the options that take a separate value, for the tools
// rules look at. A tool not listed is read as having none.
var valueOptions = map[string]valueOpts{
	"apt-get":  {"-o", "-c", "-t", "--option", "--config-file", "--target-release", "--default-release"},
	"apt":      {"-o", "-c", "-t", "--option", "--config-file", "--target-release", "--default-release"},
	"apk":      {"-X", "-p", "-t", "--repository", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file", "--virtual"},
	"pip":      {"-r", "-c", "-e", "-i", "-t", "-f", "-C", "--requirement", "--constraint", "--editable", "--index-url", "--extra-index-url", "--target", "--prefix", "--root", "--find-links", "--cache-dir", "--log", "--proxy", "--retries", "--timeout", "--trusted-host", "--python", "--platform", "--python-version", "--implementation", "--abi", "--src", "--upgrade-strategy", "--progress-bar", "--no-binary", "--only-binary", "--config-settings", "--global-option", "--report"},
	"python":   {"-m", "-c", "-W", "-X"},
	"yum":      {"-c", "-d", "-e", "-x", "-R", "--config", "--installroot", "--releasever", "--debuglevel", "--errorlevel", "--exclude", "--enablerepo", "--disablerepo", "--setopt", "--repo", "--repoid"},
	"dnf":      {"-c", "-d", "-e", "-x", "-R", "--config", "--installroot", "--releasever", "--debuglevel", "--errorlevel", "--exclude", "--enablerepo", "--disablerepo", "--setopt", "--repo", "--repoid"},
	"dnf5":     {"-c", "-d", "-e", "-x", "-R", "--config", "--installroot", "--releasever", "--debuglevel", "--errorlevel", "--exclude", "--enablerepo", "--disablerepo", "--setopt", "--repo", "--repoid"},
	"microdnf": {"--config", "--installroot", "--releasever", "--enablerepo", "--disablerepo", "--setopt"},
	"zypper":   {"-R", "-c", "-t", "--root", "--config", "--type"},
	"npm":      {"-w", "--prefix", "--workspace", "--cache", "--registry"},
	"yarn":     {"--cwd", "--modules-folder", "--cache-folder", "--mutex", "--network-timeout"},
	"pnpm":     {"-C", "-F", "--dir", "--filter"},
	"go":       {"-C", "-o", "-p", "-ldflags", "-gcflags", "-asmflags", "-tags", "-mod", "-modfile", "-pkgdir", "-overlay", "-buildmode", "-compiler"},
	"git":      {"-C", "-c", "-b", "-o", "--branch", "--depth", "--origin", "--reference", "--config", "--git-dir", "--work-tree"},
	"curl":     {"-o", "-H", "-d", "-X", "-u", "-A", "-e", "-b", "-c", "-T", "-w", "-x", "-m", "-K", "--output", "--header", "--data", "--request", "--user", "--retry", "--connect-timeout", "--max-time", "--proto"},
	"wget":     {"-O", "-P", "-o", "-a", "-t", "-T", "-e", "--output-document", "--directory-prefix", "--output-file", "--tries", "--timeout", "--header"},
	"useradd":  {"-u", "-g", "-G", "-d", "-s", "-c", "-e", "-f", "-k", "-K", "-p", "-b", "-R", "-Z", "--uid", "--gid", "--groups", "--home-dir", "--shell", "--comment", "--expiredate", "--inactive", "--skel", "--key", "--password", "--base-dir", "--root"},
	"cargo":    {"-p", "-j", "-F", "--manifest-path", "--package", "--target", "--features", "--jobs", "--bin", "--profile", "--target-dir"},
	"dotnet":   {"-c", "-o", "-r", "-f", "-s", "--configuration", "--output", "--runtime", "--framework", "--source"},
	"mvn":      {"-f", "-s", "-P", "-pl", "-gs", "--file", "--settings", "--projects"},
	"composer": {"-d", "--working-dir"},
	"bundle":   {"--gemfile", "--jobs", "--retry", "--path"},
}

// optionsFor looks up a tool by its base name, also without a version
// suffix (pip3.12 -> pip, python3 -> python).
func optionsFor(base string) valueOpts {
	if v, ok := valueOptions[base]; ok {
		return v
	}
	return valueOptions[strings.TrimRight(base, "0123456789.")]
}

// ---- building a Script ----

// shellSrc is shell text with the source offset of each of its bytes.
type shellSrc struct {
	text string
	offs []int // offs[i] is the source offset of text[i]
	end  int   // the source offset just past the text
}

// start maps offset i of text (clamped) to a source offset.
func (s shellSrc) start(i int) int {
	if i >= 0 && i < len(s.offs) {
		return s.offs[i]
	}
	if i < 0 && len(s.offs) > 0 {
		return s.offs[0]
	}
	return s.end
}

// stop maps the end of a span [.., i) to one past the source byte of
// text[i-1], so a span never swallows a continuation.
func (s shellSrc) stop(i int) int {
	if i > len(s.offs) {
		i = len(s.offs)
	}
	if i <= 0 {
		return s.start(0)
	}
	return s.offs[i-1] + 1
}

func (s shellSrc) sub(a, b int) shellSrc {
	return shellSrc{text: s.text[a:b], offs: s.offs[a:b], end: s.start(b)}
}

type scriptBuilder struct {
	f      *File
	in     *Instruction
	script *Script
}

func buildScript(f *File, in *Instruction) *Script {
	b := &scriptBuilder{f: f, in: in, script: &Script{Parsed: true}}
	switch {
	case in.Name == "run" || in.Name == "cmd" || in.Name == "entrypoint" || in.Runs():
	default:
		return b.script
	}
	src := argsSource(f, in)
	if words, ok := b.execWords(src); ok {
		b.script.Exec = true
		if len(words) > 0 {
			c := newCommand(nil, words, false)
			b.add(c)
			b.nested(c, src, 0)
		}
		return b.script
	}
	posix := posixShell(f.ShellAt(in))
	switch {
	case !posix:
		b.script.Parsed = false
		b.scan(src)
		if len(in.Heredocs) > 0 && bareHeredocLine(src.text) {
			b.scan(b.bodySource(in.Heredocs[0]))
		}
	case len(in.Heredocs) > 0:
		b.heredocScript(src)
	default:
		b.parse(src, 0)
	}
	sort.SliceStable(b.script.Commands, func(i, j int) bool {
		return b.script.Commands[i].Range.Start.Offset < b.script.Commands[j].Range.Start.Offset
	})
	if in.Runs() {
		b.script.redirects = redirectTargets(f, in, b.script)
	}
	return b.script
}

// argsSource is the instruction's logical text from its first argument.
func argsSource(f *File, in *Instruction) shellSrc {
	log := &in.Logical
	spans := tokenize(log.Text)
	if len(spans) > 0 {
		spans = spans[1:] // the keyword
	}
	if in.OnBuild != nil && len(spans) > 0 {
		spans = spans[1:] // ONBUILD's: the keyword of the instruction it registers
	}
	for len(spans) > 0 && strings.HasPrefix(log.Text[spans[0][0]:spans[0][1]], "--") {
		spans = spans[1:]
	}
	a := len(log.Text)
	if len(spans) > 0 {
		a = spans[0][0]
	}
	return shellSrc{text: log.Text[a:], offs: log.Offsets()[a:], end: log.End}
}

// posixShell reports whether a SHELL (nil: the default /bin/sh -c) reads
// the sh language.
func posixShell(shell []string) bool {
	return len(shell) == 0 || isShellName(path.Base(shell[0]))
}

func isShellName(base string) bool {
	switch base {
	case "sh", "bash", "dash", "ash", "ksh", "mksh", "zsh":
		return true
	}
	return false
}

func (b *scriptBuilder) add(c *Command) {
	if c == nil {
		return
	}
	b.script.Commands = append(b.script.Commands, c)
}

func (b *scriptBuilder) rng(src shellSrc, start, end int) Range {
	return b.f.Lines.Range(src.start(start), src.stop(end))
}

// parse parses src as bash and collects its commands, falling back to a
// token scan when it does not parse.
func (b *scriptBuilder) parse(src shellSrc, depth int) {
	file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src.text), "")
	if err != nil {
		b.script.Parsed = false
		b.scan(src)
		return
	}
	b.collect(file, src, depth)
}

// collect adds every simple command below node.
func (b *scriptBuilder) collect(node syntax.Node, src shellSrc, depth int) {
	piped := map[*syntax.CallExpr]bool{}
	syntax.Walk(node, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.BinaryCmd:
			if n.Op == syntax.Pipe || n.Op == syntax.PipeAll {
				for _, st := range []*syntax.Stmt{n.X, n.Y} {
					if call, ok := st.Cmd.(*syntax.CallExpr); ok {
						piped[call] = true
					}
				}
			}
		case *syntax.CallExpr:
			c := b.callCommand(n, src)
			if c != nil {
				c.Pipe = piped[n]
				b.add(c)
				b.nested(c, src, depth)
			}
		case *syntax.DeclClause:
			b.add(b.declCommand(n, src))
		}
		return true
	})
}

func (b *scriptBuilder) callCommand(call *syntax.CallExpr, src shellSrc) *Command {
	var env []ShellWord
	for _, a := range call.Assigns {
		env = append(env, b.assignWord(a, src))
	}
	words := make([]ShellWord, 0, len(call.Args))
	for _, w := range call.Args {
		words = append(words, b.word(w, src))
	}
	return newCommand(env, words, true)
}

// declCommand turns `export A=1 B` into a command named export whose
// arguments are the assignments.
func (b *scriptBuilder) declCommand(d *syntax.DeclClause, src shellSrc) *Command {
	if d.Variant == nil {
		return nil
	}
	name := b.span(src, d.Variant.Pos(), d.Variant.End())
	name.Literal = true
	c := &Command{Name: name}
	for _, a := range d.Args {
		c.Args = append(c.Args, b.assignWord(a, src))
	}
	c.Range = commandRange(c)
	return c
}

// span is the word of src between two parser positions, as written.
func (b *scriptBuilder) span(src shellSrc, from, to syntax.Pos) ShellWord {
	start, end := clampSpan(src, from, to)
	raw := src.text[start:end]
	return ShellWord{Word: Word{Text: raw, Range: b.rng(src, start, end)}, Raw: raw}
}

func clampSpan(src shellSrc, from, to syntax.Pos) (int, int) {
	start, end := int(from.Offset()), int(to.Offset())
	if end > len(src.text) {
		end = len(src.text)
	}
	if start > end {
		start = end
	}
	return start, end
}

func (b *scriptBuilder) word(w *syntax.Word, src shellSrc) ShellWord {
	sw := b.span(src, w.Pos(), w.End())
	if text, ok := unquoteWord(w); ok {
		sw.Text, sw.Literal = text, true
	}
	return sw
}

func (b *scriptBuilder) assignWord(a *syntax.Assign, src shellSrc) ShellWord {
	sw := b.span(src, a.Pos(), a.End())
	if a.Name == nil || a.Array != nil || a.Index != nil {
		return sw
	}
	value, ok := "", true
	if a.Value != nil {
		value, ok = unquoteWord(a.Value)
	}
	if ok && !a.Append {
		sw.Text, sw.Literal = a.Name.Value+"="+value, true
	}
	return sw
}

// unquoteWord is the value of a word without expansions: quotes and
// backslash escapes removed.
func unquoteWord(w *syntax.Word) (string, bool) {
	var sb strings.Builder
	for _, part := range w.Parts {
		switch p := part.(type) {
		case *syntax.Lit:
			sb.WriteString(unescape(p.Value, false))
		case *syntax.SglQuoted:
			if p.Dollar {
				return "", false
			}
			sb.WriteString(p.Value)
		case *syntax.DblQuoted:
			if p.Dollar {
				return "", false
			}
			for _, inner := range p.Parts {
				lit, ok := inner.(*syntax.Lit)
				if !ok {
					return "", false
				}
				sb.WriteString(unescape(lit.Value, true))
			}
		default:
			return "", false
		}
	}
	return sb.String(), true
}

// unescape removes shell backslash escapes: any escaped byte outside
// quotes, only $ ` " \ and newline inside double quotes.
func unescape(s string, dquoted bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			sb.WriteByte(c)
			continue
		}
		next := s[i+1]
		switch {
		case next == '\n':
			i++ // line continuation
		case !dquoted || strings.IndexByte("$`\"\\", next) >= 0:
			sb.WriteByte(next)
			i++
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// nested parses the script string of `sh -c '...'` (also in exec form) as
// shell, when the word holds it verbatim between its quotes.
func (b *scriptBuilder) nested(c *Command, src shellSrc, depth int) {
	if depth >= 3 || !isShellName(c.Base()) {
		return
	}
	for i, a := range c.Args {
		if len(a.Text) < 2 || a.Text[0] != '-' || a.Text[1] == '-' || !strings.Contains(a.Text, "c") {
			continue
		}
		if i+1 >= len(c.Args) {
			return
		}
		w := c.Args[i+1]
		inner, offset, ok := verbatim(w)
		if !ok {
			return
		}
		// Offsets grow along src, so the word's start is found by search.
		at := sort.SearchInts(src.offs, int(w.Range.Start.Offset))
		if at+len(w.Raw) > len(src.text) || src.text[at:at+len(w.Raw)] != w.Raw {
			return
		}
		b.parse(src.sub(at+offset, at+offset+len(inner)), depth+1)
		return
	}
}

// verbatim reports the text between a word's quotes (or the whole word)
// when it equals the word's value, so offsets map one to one.
func verbatim(w ShellWord) (string, int, bool) {
	if !w.Literal {
		return "", 0, false
	}
	raw := w.Raw
	if len(raw) >= 2 && (raw[0] == '"' || raw[0] == '\'') && raw[len(raw)-1] == raw[0] {
		if raw[1:len(raw)-1] == w.Text {
			return w.Text, 1, true
		}
		return "", 0, false
	}
	return w.Text, 0, raw == w.Text
}

// ---- wrappers: sudo, env, ... ----

// wrapper describes a command that runs the command after its options.
type wrapper struct {
	values  valueOpts // options taking a separate value
	assigns bool      // VAR=value words may follow the options
	stop    []string  // options that make it not run a command (command -v)
}

var wrappers = map[string]wrapper{
	"sudo":      {values: valueOpts{"-C", "-D", "-g", "-p", "-R", "-r", "-t", "-T", "-U", "-u", "--close-from", "--chdir", "--group", "--host", "--prompt", "--chroot", "--role", "--type", "--command-timeout", "--other-user", "--user"}, assigns: true, stop: []string{"-l", "-v", "-k", "-K", "-V", "-e", "--list", "--validate", "--edit"}},
	"env":       {values: valueOpts{"-u", "-C", "--unset", "--chdir"}, assigns: true, stop: []string{"-S", "--split-string"}},
	"exec":      {values: valueOpts{"-a"}},
	"nohup":     {},
	"time":      {values: valueOpts{"-f", "-o", "--format", "--output"}},
	"nice":      {values: valueOpts{"-n", "--adjustment"}},
	"command":   {stop: []string{"-v", "-V"}},
	"xargs":     {values: valueOpts{"-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter", "--max-args", "--max-procs", "--max-chars", "--process-slot-var"}},
	"eatmydata": {},
}

// newCommand builds a command from its words, moving leading assignments
// (when the shell would read them as such) to Env and wrappers to Prefix.
// It returns nil when no command remains (`A=1` alone).
func newCommand(env, words []ShellWord, assigns bool) *Command {
	c := &Command{Env: env}
	if assigns {
		for len(words) > 0 && isAssignment(words[0]) {
			c.Env = append(c.Env, words[0])
			words = words[1:]
		}
	}
	for len(words) > 1 {
		n, moved, ok := stripWrapper(words)
		if !ok {
			break
		}
		if path.Base(words[0].Text) == "sudo" {
			c.Sudo = true
		}
		c.Prefix = append(c.Prefix, words[:n]...)
		c.Env = append(c.Env, words[n:n+moved]...)
		words = words[n+moved:]
	}
	if len(words) == 0 {
		return nil
	}
	c.Name, c.Args = words[0], words[1:]
	c.Range = commandRange(c)
	return c
}

// stripWrapper reports how many words a wrapper and its options take (n),
// how many assignments follow them, and whether a command follows at all.
func stripWrapper(words []ShellWord) (n, assigns int, ok bool) {
	if !words[0].Literal {
		return 0, 0, false
	}
	wr, known := wrappers[path.Base(words[0].Text)]
	if !known {
		return 0, 0, false
	}
	i := 1
	for i < len(words) {
		w := words[i].Text
		if !words[i].Literal {
			return 0, 0, false
		}
		if w == "--" {
			i++
			break
		}
		if len(w) < 2 || w[0] != '-' {
			break
		}
		for _, s := range wr.stop {
			if w == s || strings.HasPrefix(w, s+"=") {
				return 0, 0, false
			}
		}
		i++
		if wr.values.takesValue(w) {
			i++
		}
	}
	j := i
	if wr.assigns {
		for j < len(words) && isAssignment(words[j]) {
			j++
		}
	}
	if j >= len(words) {
		return 0, 0, false
	}
	return i, j - i, true
}

// isAssignment reports whether a word reads as NAME=value (or NAME+=value).
func isAssignment(w ShellWord) bool {
	name, _, ok := strings.Cut(w.Raw, "=")
	name = strings.TrimSuffix(name, "+")
	if !ok || name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		letter := c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func commandRange(c *Command) Range {
	var all []ShellWord
	all = append(all, c.Env...)
	all = append(all, c.Prefix...)
	all = append(all, c.Name)
	all = append(all, c.Args...)
	r := all[0].Range
	for _, w := range all[1:] {
		if w.Range.Start.Offset < r.Start.Offset {
			r.Start = w.Range.Start
		}
		if w.Range.End.Offset > r.End.Offset {
			r.End = w.Range.End
		}
	}
	return r
}

// ---- heredocs ----

// heredocScript handles a RUN with here-documents. The line is parsed with
// empty bodies put back; a body becomes shell commands when BuildKit runs
// it through the shell: `RUN <<EOF` alone (unless a shebang names another
// interpreter), or a shell reading its stdin from the heredoc
// (`bash <<EOF`, `sh -e <<-EOF`). `python3 <<EOF` bodies are not shell.
func (b *scriptBuilder) heredocScript(src shellSrc) {
	text := src.text
	for _, h := range b.in.Heredocs {
		text += "\n" + h.Name
	}
	file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(text+"\n"), "")
	if err != nil {
		b.script.Parsed = false
		b.scan(src)
		if bareHeredocLine(src.text) && shebangIsShell(b.in.Heredocs[0].Content) {
			b.script.Heredoc = true
			b.scan(b.bodySource(b.in.Heredocs[0]))
		}
		return
	}
	b.collect(file, src, 0)
	next := 0
	bare := len(file.Stmts) == 1 && file.Stmts[0].Cmd == nil
	syntax.Walk(file, func(n syntax.Node) bool {
		st, ok := n.(*syntax.Stmt)
		if !ok {
			return true
		}
		for _, r := range st.Redirs {
			if r.Op != syntax.Hdoc && r.Op != syntax.DashHdoc {
				continue
			}
			if next >= len(b.in.Heredocs) {
				return false
			}
			h := b.in.Heredocs[next]
			next++
			if b.runsBody(st, r, bare) && shebangIsShell(h.Content) {
				b.script.Heredoc = true
				b.parse(b.bodySource(h), 0)
			}
		}
		return true
	})
}

// runsBody reports whether the heredoc of redirect r on st is shell code
// that gets run.
func (b *scriptBuilder) runsBody(st *syntax.Stmt, r *syntax.Redirect, bare bool) bool {
	if st.Cmd == nil {
		return bare
	}
	if r.N != nil && r.N.Value != "0" {
		return false
	}
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok {
		return false
	}
	var words []ShellWord
	for _, w := range call.Args {
		text, lit := unquoteWord(w)
		words = append(words, ShellWord{Word: Word{Text: text}, Raw: text, Literal: lit})
	}
	c := newCommand(nil, words, true)
	if c == nil || !isShellName(c.Base()) {
		return false
	}
	for _, a := range c.Args {
		if !strings.HasPrefix(a.Text, "-") && !strings.HasPrefix(a.Text, "+") {
			return false // a script file: stdin is its input, not code
		}
		if !strings.HasPrefix(a.Text, "--") && strings.Contains(a.Text, "c") {
			return false // -c: the code is the next word
		}
	}
	return true
}

// bareHeredocLine reports whether the shell line is nothing but a heredoc
// marker (`<<EOF`, `<<-"EOF"`), the form BuildKit runs as a script.
func bareHeredocLine(line string) bool {
	line = strings.TrimSpace(line)
	return strings.HasPrefix(line, "<<") && !strings.ContainsAny(line, " \t")
}

// shebangIsShell reports whether a script body without a shebang, or with
// one naming a POSIX shell, is shell code.
func shebangIsShell(content string) bool {
	if !strings.HasPrefix(content, "#!") {
		return true
	}
	line, _, _ := strings.Cut(content[2:], "\n")
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return true
	}
	interp := path.Base(fields[0])
	if interp == "env" {
		interp = ""
		for _, fld := range fields[1:] {
			if !strings.HasPrefix(fld, "-") {
				interp = path.Base(fld)
				break
			}
		}
	}
	return isShellName(interp)
}

// bodySource is a heredoc body as shell text: CR before LF dropped, every
// other byte mapped to its source offset.
func (b *scriptBuilder) bodySource(h Heredoc) shellSrc {
	start, end := int(h.Body.Start.Offset), int(h.Body.End.Offset)
	raw := b.f.Text[start:end]
	var sb strings.Builder
	offs := make([]int, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if raw[i] == '\r' && i+1 < len(raw) && raw[i+1] == '\n' {
			continue
		}
		sb.WriteByte(raw[i])
		offs = append(offs, start+i)
	}
	return shellSrc{text: sb.String(), offs: offs, end: end}
}

// ---- exec form ----

// execWords reads src as a JSON array of strings, BuildKit's exec form;
// each element keeps its range, quotes included.
func (b *scriptBuilder) execWords(src shellSrc) ([]ShellWord, bool) {
	text := src.text
	i := skipSpace(text, 0)
	if i >= len(text) || text[i] != '[' {
		return nil, false
	}
	var words []ShellWord
	i = skipSpace(text, i+1)
	if i < len(text) && text[i] == ']' {
		return nil, skipSpace(text, i+1) == len(text)
	}
	for {
		if i >= len(text) || text[i] != '"' {
			return nil, false
		}
		end := jsonStringEnd(text, i)
		if end < 0 {
			return nil, false
		}
		var value string
		if json.Unmarshal([]byte(text[i:end]), &value) != nil {
			return nil, false
		}
		raw := text[i:end]
		words = append(words, ShellWord{Word: Word{Text: value, Range: b.rng(src, i, end)}, Raw: raw, Literal: true})
		i = skipSpace(text, end)
		if i >= len(text) {
			return nil, false
		}
		switch text[i] {
		case ',':
			i = skipSpace(text, i+1)
		case ']':
			return words, skipSpace(text, i+1) == len(text)
		default:
			return nil, false
		}
	}
}

func skipSpace(s string, i int) int {
	for i < len(s) && (IsBlank(s[i]) || s[i] == '\n') {
		i++
	}
	return i
}

// jsonStringEnd is the offset just past the JSON string starting at i, or -1.
func jsonStringEnd(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// ---- token-scan fallback ----

// reserved words that open or continue a compound command; the command is
// what follows them.
var leadingReserved = map[string]bool{
	"if": true, "then": true, "elif": true, "else": true, "do": true,
	"while": true, "until": true, "!": true, "{": true, "fi": true,
	"done": true, "esac": true, "}": true,
}

// scan splits src into commands without parsing it: on && || ; | & ( ) and
// newlines, then on blanks, honouring quotes and backslashes. An unclosed
// quote is read as a plain character, so the rest still splits.
func (b *scriptBuilder) scan(src shellSrc) {
	text := src.text
	var words []ShellWord
	pipeNext := false
	flush := func(pipe bool) {
		for len(words) > 0 && leadingReserved[words[0].Text] {
			words = words[1:]
		}
		if len(words) > 0 {
			switch words[0].Text {
			case "for", "case", "select", "function":
				words = nil // a loop or case header, not a command
			}
		}
		if c := newCommand(nil, dropRedirects(words), true); c != nil {
			c.Pipe = pipe || pipeNext
			b.add(c)
		}
		pipeNext = pipe
		words = nil
	}
	i := 0
	for i < len(text) {
		ch := text[i]
		switch {
		case IsBlank(ch):
			i++
		case ch == '#':
			for i < len(text) && text[i] != '\n' {
				i++
			}
		case ch == '|':
			pipe := !strings.HasPrefix(text[i:], "||")
			if !pipe || strings.HasPrefix(text[i:], "|&") {
				i++
			}
			i++
			flush(pipe)
		case strings.IndexByte("&;()\n", ch) >= 0 && !strings.HasPrefix(text[i:], "&>"):
			i++
			if i < len(text) && (text[i] == '&' || text[i] == ';') && (ch == '&' || ch == ';') {
				i++
			}
			flush(false)
		default:
			end := scanWord(text, i)
			raw := text[i:end]
			text2, lit := scanUnquote(raw)
			words = append(words, ShellWord{Word: Word{Text: text2, Range: b.rng(src, i, end)}, Raw: raw, Literal: lit})
			i = end
		}
	}
	flush(false)
}

// scanWord returns the end of the word starting at i.
func scanWord(s string, i int) int {
	depth := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\':
			i += 2
			continue
		case c == '\'' || c == '"':
			if j := closingQuote(s, i); j > 0 {
				i = j + 1
				continue
			}
		case c == '&' && (strings.HasPrefix(s[i:], "&>") || (i > 0 && (s[i-1] == '>' || s[i-1] == '<'))):
			// &>file, 2>&1: part of a redirection
		case c == '$' && i+1 < len(s) && s[i+1] == '(':
			depth++
			i += 2
			continue
		case c == ')' && depth > 0:
			depth--
		case depth == 0 && (IsBlank(c) || strings.IndexByte("|&;()\n", c) >= 0):
			return i
		}
		i++
	}
	return len(s)
}

// closingQuote is the offset of the quote closing the one at i, or -1.
func closingQuote(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		if q == '"' && s[j] == '\\' {
			j++
			continue
		}
		if s[j] == q {
			return j
		}
	}
	return -1
}

// scanUnquote drops quotes and backslashes; the word is literal when it
// has no $ or backtick.
func scanUnquote(raw string) (string, bool) {
	lit := !strings.ContainsAny(raw, "$`")
	if !strings.ContainsAny(raw, `'"\`) {
		return raw, lit
	}
	var sb strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '\\' && i+1 < len(raw):
			i++
			sb.WriteByte(raw[i])
		case c == '\'' || c == '"':
			if j := closingQuote(raw, i); j > 0 {
				sb.WriteString(unescape(raw[i+1:j], c == '"'))
				i = j
				continue
			}
			sb.WriteByte(c)
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String(), lit
}

// dropRedirects removes redirections (>x, 2>&1, < in) from scanned words.
func dropRedirects(words []ShellWord) []ShellWord {
	out := words[:0:0]
	for i := 0; i < len(words); i++ {
		w := words[i].Raw
		op := strings.TrimLeft(w, "0123456789")
		if !strings.HasPrefix(op, ">") && !strings.HasPrefix(op, "<") && !strings.HasPrefix(op, "&>") {
			out = append(out, words[i])
			continue
		}
		if strings.Trim(op, "<>&|") == "" {
			i++ // the target is the next word
		}
	}
	return out
}
