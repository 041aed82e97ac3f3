package analysis

import (
	"path"
	"strconv"
	"strings"
)

// This file knows the package managers' command lines, for the rules about
// what an install leaves in its layer (apt-lists-not-cleaned,
// apk-no-cache, pip-no-cache-dir, rpm-cache-not-cleaned,
// js-cache-not-cleaned) and about how apt is called
// (apt-no-install-recommends, apt-get-missing-yes, use-apt-get,
// apt-update-alone).

// RPMTools are the rpm package managers, which share their commands and
// their cache: yum, dnf, dnf5 (Fedora 41's dnf), microdnf and tdnf.
var RPMTools = []string{"yum", "dnf", "dnf5", "microdnf", "tdnf"}

// IsApt is apt-get, apt or aptitude.
func IsApt(c *Command) bool { return c.Is("apt-get", "apt", "aptitude") }

// AptInstalls reports whether an apt command installs or upgrades packages:
// the work that reads the package lists and is worth an `apt-get update`.
func AptInstalls(c *Command) bool {
	if !IsApt(c) || c.IsQuery() {
		return false
	}
	switch c.SubcommandText() {
	case "install", "upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade", "build-dep", "reinstall", "satisfy", "source", "download":
		return true
	}
	return false
}

// AptUpdates reports whether a command fetches the package lists:
// `apt-get update`, or add-apt-repository, which runs it unless told not to.
func AptUpdates(c *Command) bool {
	if IsApt(c) {
		return c.SubcommandText() == "update"
	}
	if c.Is("add-apt-repository") {
		return !c.HasFlag("n", "no-update")
	}
	return false
}

// AptReadsLists reports whether a command needs the package lists that an
// earlier `apt-get update` fetched.
func AptReadsLists(c *Command) bool {
	if c.Is("apt-cache") {
		return true
	}
	if !IsApt(c) {
		return false
	}
	switch c.SubcommandText() {
	case "", "update", "clean", "autoclean", "distclean", "dist-clean", "remove", "purge", "autoremove", "autopurge", "check", "mark":
		return false
	}
	return true
}

// RunsScript reports whether a command runs a script file whose commands
// are not visible here (`./install.sh`, `bash /tmp/setup.sh`): it may call
// a package manager itself.
func RunsScript(c *Command) bool {
	name := c.Name.Text
	if strings.HasSuffix(name, ".sh") || strings.HasPrefix(name, "./") || strings.HasPrefix(name, "../") {
		return true
	}
	if !isShellName(c.Base()) {
		return false
	}
	for _, a := range c.Args {
		if len(a.Text) > 1 && a.Text[0] == '-' && a.Text[1] != '-' && strings.Contains(a.Text, "c") {
			return false // sh -c 'script': its commands are in the Script already
		}
	}
	return len(c.Operands()) > 0 // sh file.sh: the first operand is the script
}

// PipedFromYes reports whether the command reads its answers from `yes` or
// `echo y` through a pipe.
func PipedFromYes(script *Script, c *Command) bool {
	if !c.Pipe {
		return false
	}
	var prev *Command
	for _, x := range script.Commands {
		if x == c {
			break
		}
		prev = x
	}
	return prev != nil && prev.Pipe && prev.Is("yes", "echo", "printf")
}

// AptOptions are the values of the -o options of an apt command, keys
// lower-cased: `-o APT::Get::Assume-Yes=true` gives
// {"apt::get::assume-yes": "true"}.
func AptOptions(c *Command) map[string]string {
	opts := map[string]string{}
	args := c.scanArgs()
	for i, a := range args {
		if a.kind != argOption {
			continue
		}
		w := c.Args[a.index].Text
		var kv string
		switch {
		case w == "-o" || w == "--option":
			if i+1 < len(args) && args[i+1].kind == argValue {
				kv = c.Args[args[i+1].index].Text
			}
		case strings.HasPrefix(w, "--option="):
			kv = strings.TrimPrefix(w, "--option=")
		case strings.HasPrefix(w, "-o") && !strings.HasPrefix(w, "--"):
			kv = strings.TrimPrefix(strings.TrimPrefix(w, "-o"), "=")
		}
		if k, v, ok := strings.Cut(kv, "="); ok {
			opts[strings.ToLower(k)] = strings.ToLower(v)
		}
	}
	return opts
}

func aptTrue(v string) bool {
	switch v {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

func AptFalse(v string) bool {
	switch v {
	case "0", "false", "no", "off":
		return true
	}
	return false
}

// AptAssumesYes reports whether an apt command answers its own prompts:
// -y, --yes, --assume-yes, -qq (quiet level 2 implies -y) or
// `-o APT::Get::Assume-Yes=true`.
func AptAssumesYes(c *Command) bool {
	if c.HasFlag("y", "yes") || c.HasFlag("", "assume-yes") {
		return true
	}
	if aptTrue(AptOptions(c)["apt::get::assume-yes"]) {
		return true
	}
	quiet := 0
	for _, a := range c.scanArgs() {
		if a.kind != argOption {
			continue
		}
		w := c.Args[a.index].Text
		switch {
		case strings.HasPrefix(w, "--quiet"):
			if _, v, ok := strings.Cut(w, "="); ok {
				n, _ := strconv.Atoi(v)
				quiet += n
			} else {
				quiet++
			}
		case strings.HasPrefix(w, "-q="):
			n, _ := strconv.Atoi(w[3:])
			quiet += n
		case !strings.HasPrefix(w, "--") && !strings.HasPrefix(w, "-o"):
			quiet += strings.Count(w, "q")
		}
	}
	return quiet >= 2
}

// AptPrompts reports whether an apt subcommand asks for confirmation.
func AptPrompts(c *Command) bool {
	if c.IsQuery() {
		return false // a simulation asks nothing
	}
	switch c.SubcommandText() {
	case "install", "upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade", "remove", "purge", "autoremove", "autopurge", "build-dep", "reinstall", "satisfy":
		return true
	}
	return false
}

// CommandSpan is the range from a command's name to its subcommand (`apt-get
// -q install`), or the name alone when it has none: where a finding about
// how the tool is called points.
func CommandSpan(c *Command) Range {
	sub, i := c.Subcommand()
	if i < 0 {
		return c.Name.Range
	}
	return Range{Start: c.Name.Range.Start, End: sub.Range.End}
}

// PipSpan is commandSpan for pip, which may be run as `python -m pip`: the
// range ends at `install`.
func PipSpan(c *Command) Range {
	if !IsPython(c) {
		return CommandSpan(c)
	}
	if _, i := PipInstallWord(c); i >= 0 {
		return Range{Start: c.Name.Range.Start, End: c.Args[i].Range.End}
	}
	return c.Name.Range
}

func IsPython(c *Command) bool {
	return strings.TrimRight(c.Base(), "0123456789.") == "python"
}

func IsPip(c *Command) bool {
	return strings.TrimRight(c.Base(), "0123456789.") == "pip"
}

// PipInstallWord finds the `install` of a pip install: `pip install`,
// `pip3.12 install`, `python3 -m pip install`. It gives the index in Args,
// -1 when the command is no pip install.
func PipInstallWord(c *Command) (ShellWord, int) {
	switch {
	case IsPip(c):
		sub, i := c.Subcommand()
		if sub.Text == "install" {
			return sub, i
		}
	case IsPython(c):
		// -m takes a value, so the subcommand is the first word after the
		// module: `python3 -m pip install` gives install.
		m, ok := c.FlagValue("m", "")
		if !ok || strings.TrimRight(m, "0123456789.") != "pip" {
			return ShellWord{}, -1
		}
		sub, i := c.Subcommand()
		if sub.Text == "install" {
			return sub, i
		}
	}
	return ShellWord{}, -1
}

// CacheMounted reports whether a cache or tmpfs mount of the RUN holds one
// of dirs, or is one of the base names given with a leading "*/" (a
// `*/.npm` mount on /home/node/.npm).
func CacheMounted(in *Instruction, dirs ...string) bool {
	for _, d := range dirs {
		if suffix, ok := strings.CutPrefix(d, "*/"); ok {
			for _, m := range RunMounts(in) {
				if (m.Type == "cache" || m.Type == "tmpfs") && (strings.HasSuffix(path.Clean(m.Target), "/"+suffix) || path.Clean(m.Target) == suffix) {
					return true
				}
			}
			continue
		}
		if _, ok := CacheMountFor(in, d); ok {
			return true
		}
	}
	return false
}

// RemovesAfter reports whether the RUN removes the contents of one of dirs
// with rm (or `find dir ... -delete`) after command c. A dir may start with
// "~/": it then matches a path under any home directory (`~/.npm`,
// `$HOME/.npm`, `/root/.npm`, `/home/node/.npm`).
func RemovesAfter(f *File, in *Instruction, c *Command, dirs ...string) bool {
	after := c.Range.End.Offset
	for _, rc := range in.Shell(f).Commands {
		if rc.Range.Start.Offset >= after && RemovesDirs(rc, dirs...) {
			return true
		}
	}
	return false
}

// RemovesDirs reports whether c is an rm (or `find dir ... -delete`) that
// takes away the contents of one of dirs.
func RemovesDirs(c *Command, dirs ...string) bool {
	switch {
	case c.Is("rm"):
		for _, w := range c.Operands() {
			if removesDir(w, dirs) {
				return true
			}
		}
	case c.Is("find"):
		for _, a := range c.Args {
			if a.Text == "-delete" {
				return len(c.Args) > 0 && removesDir(c.Args[0], dirs)
			}
		}
	}
	return false
}

// removesDir reports whether an rm operand takes away the contents of one
// of dirs: the dir itself, `dir/`, `dir/*`, or a parent of it.
func removesDir(w ShellWord, dirs []string) bool {
	p := strings.TrimSuffix(strings.TrimSuffix(w.Raw, "*"), "/")
	if w.Literal {
		p = strings.TrimSuffix(strings.TrimSuffix(w.Text, "*"), "/")
	}
	if p == "" {
		return false
	}
	home := ""
	for _, prefix := range []string{"~/", "$HOME/", "${HOME}/", "/root/"} {
		if rest, ok := strings.CutPrefix(p+"/", prefix); ok {
			home = strings.TrimSuffix(rest, "/")
			break
		}
	}
	if home == "" && strings.HasPrefix(p, "/home/") {
		if parts := strings.SplitN(p, "/", 4); len(parts) == 4 {
			home = parts[3]
		}
	}
	for _, d := range dirs {
		var rel string
		var ok bool
		if rel, ok = strings.CutPrefix(d, "~/"); ok {
			if home != "" && (rel == home || strings.HasPrefix(rel, home+"/")) {
				return true
			}
			continue
		}
		if d == p || strings.HasPrefix(d, p+"/") && p != "" && strings.Count(p, "/") >= 2 {
			return true
		}
	}
	return false
}

// LastOf is the last command of the RUN that matches.
func LastOf(cmds []*Command, match func(*Command) bool) *Command {
	var last *Command
	for _, c := range cmds {
		if match(c) {
			last = c
		}
	}
	return last
}

// pacmanOperation is a pacman command's operation (S for --sync, U, R, Q,
// ...) and the letters of the options clustered with it (-Syu gives S and
// "yu"); "" when there is none.
func pacmanOperation(c *Command) (op byte, letters string) {
	long := map[string]byte{"--sync": 'S', "--upgrade": 'U', "--remove": 'R', "--query": 'Q', "--database": 'D', "--files": 'F', "--deptest": 'T'}
	for _, a := range c.Args {
		w := a.Text
		if o, ok := long[w]; ok {
			op = o
			continue
		}
		if len(w) < 2 || w[0] != '-' || w[1] == '-' {
			continue
		}
		for i := 1; i < len(w); i++ {
			if strings.IndexByte("SURQDFT", w[i]) >= 0 && op == 0 {
				op = w[i]
				continue
			}
			letters += string(w[i])
		}
	}
	return op, letters
}

// PacmanInstalls reports whether a pacman command installs, upgrades or
// refreshes packages (-S, -Sy, -Syu, -U), not when it only searches, shows
// or cleans (-Ss, -Si, -Sl, -Sc).
func PacmanInstalls(c *Command) bool {
	if !c.Is("pacman") {
		return false
	}
	op, letters := pacmanOperation(c)
	return op == 'U' || op == 'S' && !strings.ContainsAny(letters, "csilgp") && !c.HasFlag("", "search") && !c.HasFlag("", "clean")
}

// PacmanCleans reports whether a pacman command empties its package cache
// (-Sc, -Scc, --sync --clean).
func PacmanCleans(c *Command) bool {
	if !c.Is("pacman") {
		return false
	}
	op, letters := pacmanOperation(c)
	return op == 'S' && (strings.Contains(letters, "c") || c.HasFlag("", "clean"))
}

// PacmanRemoves reports whether a pacman command removes packages (-R).
func PacmanRemoves(c *Command) bool {
	op, _ := pacmanOperation(c)
	return c.Is("pacman") && op == 'R'
}

// Compiles reports whether c compiles or packages a program.
func Compiles(c *Command) bool {
	sub, _ := c.Subcommand()
	switch c.Base() {
	case "go":
		return sub.Text == "build" || sub.Text == "install"
	case "cargo":
		return sub.Text == "build" || sub.Text == "install"
	case "mvn", "mvnw":
		for _, o := range c.Operands() {
			switch o.Text {
			case "package", "install", "verify", "compile":
				return true
			}
		}
	case "gradle", "gradlew":
		for _, o := range c.Operands() {
			switch o.Text {
			case "build", "assemble", "bootJar", "jar", "installDist", "shadowJar":
				return true
			}
		}
	case "dotnet":
		return sub.Text == "publish" || sub.Text == "build"
	case "swift":
		return sub.Text == "build"
	case "gcc", "g++", "cc", "c++", "clang", "clang++", "make", "cmake", "javac", "rustc", "tinygo":
		return true
	}
	return false
}

// RunsBuildScript reports whether c runs a package's build script: `npm run
// build`, `yarn build`, `pnpm run build`, `bun run build`.
func RunsBuildScript(c *Command) bool {
	if !c.Is("npm", "yarn", "pnpm", "bun") {
		return false
	}
	ops := c.Operands()
	if len(ops) > 0 && (ops[0].Text == "run" || ops[0].Text == "run-script") {
		ops = ops[1:]
	} else if c.Is("npm") {
		return false // npm runs scripts only through `npm run`
	}
	return len(ops) > 0 && (ops[0].Text == "build" || strings.HasPrefix(ops[0].Text, "build:"))
}
