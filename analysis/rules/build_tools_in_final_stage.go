package rules

import (
	"slices"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var buildToolsInFinalStage = &analysis.Rule{
	ID:       "build-tools-in-final-stage",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategorySize,
	Severity: analysis.SeverityInformation,
	Summary:  "Compilers and headers installed in the final stage ship with the image",
	Doc: "`build-essential`, `gcc`, `make` and `-dev`/`-devel` header packages are needed to " +
		"*build* native code, not to run it. Installed in the stage that becomes the image, " +
		"they stay in it for good — typically a few hundred MB (`build-essential` alone pulls " +
		"in well over 100 MB on Debian) — and widen the attack surface. Removing them in a " +
		"later RUN does not help: the bytes stay in the layer that installed them.\n\n" +
		"Bad:\n\n" +
		"    FROM python:3.12-slim\n" +
		"    RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev \\\n" +
		"     && rm -rf /var/lib/apt/lists/*\n" +
		"    RUN pip install --no-cache-dir psycopg2\n\n" +
		"Good: build in a builder stage, copy only the result into a clean final stage.\n\n" +
		"    FROM python:3.12-slim AS build\n" +
		"    RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev\n" +
		"    RUN pip wheel --no-cache-dir --wheel-dir /wheels psycopg2\n\n" +
		"    FROM python:3.12-slim\n" +
		"    RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \\\n" +
		"     && rm -rf /var/lib/apt/lists/*\n" +
		"    COPY --from=build /wheels /wheels\n" +
		"    RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels\n\n" +
		"Installing and purging the tools in the same RUN (`apk add --virtual .build-deps ... && " +
		"apk del .build-deps`, `apt-get purge -y --auto-remove`) also keeps them out and is not " +
		"reported. There is no automatic fix: which files the runtime needs is yours to decide. " +
		"Builder stages (only used through `COPY --from`) are not checked. Nor is an image whose " +
		"tools are its purpose: one that sets no CMD or ENTRYPOINT (a base for other builds, a " +
		"toolbox, a dev container), or one in which nothing is built after the tools are installed " +
		"(no compiler, build system or package install of a language ecosystem runs): the packages " +
		"are then there for something the image does when it runs. A RUN is reported once, with " +
		"every tool it installs.\n\n" +
		"Silence with `# layerwise ignore=build-tools-in-final-stage`.",
	Scope: analysis.ScopeStageAndChildren,
	Run:   checkBuildToolsInFinalStage,
}

// buildTools are packages that only building needs.
var buildTools = map[string]bool{
	"build-essential": true, "build-base": true, "gcc": true, "g++": true, "gcc-c++": true,
	"clang": true, "make": true, "cmake": true, "autoconf": true, "automake": true,
	"libtool": true, "linux-headers": true, "gfortran": true, "cpp": true,
}

// isBuildTool reports whether a package name (version pins removed) is a
// compiler, build system or header package.
func isBuildTool(pkg string) bool {
	if i := strings.IndexAny(pkg, "=~<>"); i > 0 {
		pkg = pkg[:i]
	}
	pkg, _, _ = strings.Cut(pkg, ":") // apt's arch qualifier
	if buildTools[pkg] {
		return true
	}
	for _, versioned := range []string{"gcc-", "g++-", "clang-"} {
		if rest, ok := strings.CutPrefix(pkg, versioned); ok && rest != "" && strings.Trim(rest, "0123456789.") == "" {
			return true
		}
	}
	return strings.HasSuffix(pkg, "-dev") || strings.HasSuffix(pkg, "-devel")
}

// pkgInstall is a package-manager command that installs packages.
type pkgInstall struct {
	cmd      *analysis.Command
	packages []analysis.ShellWord
	virtual  string // apk --virtual name
}

// readInstall reads an install command of apt, apk, yum/dnf or zypper.
func readInstall(c *analysis.Command) (pkgInstall, bool) {
	sub, i := c.Subcommand()
	if i < 0 || c.IsQuery() {
		return pkgInstall{}, false
	}
	ok := false
	switch {
	case c.Is("apt-get", "apt", "aptitude"):
		ok = sub.Text == "install"
	case c.Is("apk"):
		ok = sub.Text == "add"
	case c.Is(analysis.RPMTools...):
		ok = sub.Text == "install"
	case c.Is("zypper"):
		ok = sub.Text == "install" || sub.Text == "in"
	}
	if !ok {
		return pkgInstall{}, false
	}
	pi := pkgInstall{cmd: c}
	if v, has := c.FlagValue("t", "virtual"); has && c.Is("apk") {
		pi.virtual = v
	}
	for _, w := range c.Operands()[1:] { // after the subcommand
		if w.Literal {
			pi.packages = append(pi.packages, w)
		}
	}
	return pi, true
}

// removedLater reports whether a command after c in the script removes
// pkg (or the apk virtual group it belongs to), or auto-removes everything
// marked automatic after `apt-mark auto`.
func removedLater(cmds []*analysis.Command, at int, pkg, virtual string) bool {
	marked := false
	for _, c := range cmds[at+1:] {
		sub, i := c.Subcommand()
		if c.Is("apt-mark") && sub.Text == "auto" {
			marked = true
			continue
		}
		removal := false
		switch {
		case c.Is("apt-get", "apt", "aptitude"):
			removal = sub.Text == "purge" || sub.Text == "remove" || sub.Text == "autoremove"
			if marked && (sub.Text == "autoremove" || removal && c.HasFlag("", "auto-remove")) {
				return true
			}
		case c.Is("apk"):
			removal = sub.Text == "del"
		case c.Is(analysis.RPMTools...):
			removal = sub.Text == "remove" || sub.Text == "erase"
		case c.Is("zypper"):
			removal = sub.Text == "remove" || sub.Text == "rm"
		}
		if !removal || i < 0 {
			continue
		}
		for _, a := range c.Args[i+1:] {
			name := a.Text
			if name == pkg || virtual != "" && name == virtual {
				return true
			}
		}
	}
	return false
}

func checkBuildToolsInFinalStage(p *analysis.Pass) {
	f := p.File
	if !setsCommand(f, p) {
		return // a base image, a toolbox or a dev container: its tools are its point
	}
	for _, in := range p.ShippedRuns() {
		cmds := in.Shell(f).Commands
		var tools []string
		var first *analysis.Command
		for at, c := range cmds {
			pi, ok := readInstall(c)
			if !ok {
				continue
			}
			for _, w := range pi.packages {
				if isBuildTool(w.Text) && !removedLater(cmds, at, w.Text, pi.virtual) && !slices.Contains(tools, w.Text) {
					tools = append(tools, w.Text)
					if first == nil {
						first = c
					}
				}
			}
		}
		if len(tools) == 0 || !buildsAfter(f, p, in) {
			continue
		}
		msg := "build tool " + tools[0] + " is installed in a stage that ends up in the image, and stays there"
		if len(tools) > 1 {
			msg = "build tools " + strings.Join(tools, ", ") + " are installed in a stage that ends up in the image, and stay there"
		}
		p.Report(analysis.Finding{Range: first.Range, Message: msg + "; build in a separate stage and copy only the result"})
	}
}

// setsCommand reports whether the image the stage ships in runs something
// of its own: it is built on a server image (tomcat runs Tomcat), or a
// stage that ships (this one, one it is built FROM, or one built FROM it)
// sets a CMD or an ENTRYPOINT.
func setsCommand(f *analysis.File, p *analysis.Pass) bool {
	if analysis.ServerImage(f.RootImage(p.Stage)) {
		return true // it runs the server's own command
	}
	for _, s := range f.Stages {
		if !p.Ships(s) || !builtFrom(f, s, p.Stage) && !builtFrom(f, p.Stage, s) {
			continue
		}
		for _, in := range s.Instructions {
			if in.Name == "cmd" || in.Name == "entrypoint" {
				return true
			}
		}
	}
	return false
}

// buildsAfter reports whether, from the RUN in on, a RUN of the stage or
// of a shipped stage built FROM it compiles, or installs packages of a
// language ecosystem, which may build native code (pip, npm, gem, ...).
func buildsAfter(f *analysis.File, p *analysis.Pass, in *analysis.Instruction) bool {
	for _, s := range f.Stages {
		if s != p.Stage && (!p.Ships(s) || !builtFrom(f, s, p.Stage)) {
			continue
		}
		for _, run := range s.Instructions {
			if run.Name != "run" || s == p.Stage && run.Index < in.Index {
				continue
			}
			if len(analysis.DepInstalls(f, run)) > 0 {
				return true
			}
			for _, c := range run.Shell(f).Commands {
				if analysis.Compiles(c) || buildsNative(c) {
					return true
				}
			}
		}
	}
	return false
}

// buildsNative reports whether c installs packages that may carry native
// code to compile, or runs a configure script.
func buildsNative(c *analysis.Command) bool {
	if _, pip := analysis.PipInstallWord(c); pip >= 0 {
		return true
	}
	sub := c.SubcommandText()
	switch c.Base() {
	case "npm", "pnpm":
		return sub == "install" || sub == "i" || sub == "ci" || sub == "add"
	case "yarn":
		return sub == "" || sub == "install" || sub == "add" || sub == "global"
	case "gem", "bundle", "bundler":
		return sub == "install"
	case "cpan", "cpanm", "pecl", "docker-php-ext-install", "uv", "poetry", "pipx", "configure":
		return true
	}
	return c.Name.Text == "./configure"
}
