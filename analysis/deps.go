package analysis

import (
	"path"
	"strings"
)

// This file knows the dependency installs of each ecosystem: which command
// installs dependencies from which manifests, so that copy-all-before-deps
// can tell that `COPY . .` before `RUN npm ci` re-runs the install on every
// source edit, and which manifests to copy first instead.

// DepInstall is one dependency install found in a RUN.
type DepInstall struct {
	Ecosystem string
	In        *Instruction
	Cmd       *Command
	// Dir is the container directory the install reads its manifests from
	// (WORKDIR, then `cd` in the same RUN and --prefix-like options).
	Dir string
	// Manifests are the files the install needs, relative to Dir (or
	// absolute, for `pip install -r /tmp/requirements.txt`). A name with a
	// glob (`package*.json`, `*.csproj`) is written as is.
	Manifests []string
	// Prefetch is set when the command itself needs the sources (go build,
	// mvn package): the dependencies are fetched by this command instead,
	// run after the manifests alone are copied.
	Prefetch string
	// NoRewrite marks installs the rewrite cannot restructure (cargo build
	// needs a source tree even to fetch).
	NoRewrite bool
}

// DepInstalls lists the dependency installs of a RUN, in order.
func DepInstalls(f *File, in *Instruction) []DepInstall {
	if in.Name != "run" {
		return nil
	}
	var out []DepInstall
	script := in.Shell(f)
	workdir, known := "", false
	for i, c := range script.Commands {
		if !mayInstallDeps(c) {
			continue
		}
		if !known {
			workdir, known = f.Workdir(in), true
		}
		d, ok := classifyDepInstall(c, workdir, depCd(script.Commands[:i]))
		if !ok {
			continue
		}
		d.In, d.Cmd = in, c
		out = append(out, d)
	}
	return out
}

// depCd is the directory, relative or absolute, that the `cd` commands
// before a command moved to ("" when none did).
func depCd(before []*Command) string {
	dir := ""
	for _, c := range before {
		if !c.Is("cd") {
			continue
		}
		ops := c.Operands()
		if len(ops) != 1 || !ops[0].Literal || strings.HasPrefix(ops[0].Text, "~") || ops[0].Text == "-" {
			dir = "\x00" // unknown
			continue
		}
		if dir == "\x00" && !strings.HasPrefix(ops[0].Text, "/") {
			continue
		}
		dir = depJoin(dir, ops[0].Text)
	}
	if dir == "\x00" {
		return ""
	}
	return dir
}

// depJoin joins a relative or absolute p onto dir ("" is the WORKDIR).
func depJoin(dir, p string) string {
	if strings.HasPrefix(p, "/") || dir == "" {
		return path.Clean(p)
	}
	return path.Join(dir, p)
}

// ResolvePath resolves p (relative to the WORKDIR or absolute) to an absolute,
// cleaned path.
func ResolvePath(workdir, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	return path.Join("/", workdir, p)
}

// PipCommand reads `pip install`, `pip3 install` and `python3 -m pip
// install` alike: it returns the args after the pip word.
func PipCommand(c *Command) (*Command, bool) {
	base := strings.TrimRight(c.Base(), "0123456789.")
	if base == "pip" {
		return c, true
	}
	if base != "python" || len(c.Args) < 2 || c.Args[0].Text != "-m" || c.Args[1].Text != "pip" {
		return nil, false
	}
	return &Command{Name: c.Args[1], Args: c.Args[2:], Range: c.Range}, true
}

// depTools are the commands classifyDepInstall knows by name (pip is
// recognised by pipCommand).
var depTools = map[string]bool{
	"npm": true, "yarn": true, "pnpm": true, "poetry": true, "pipenv": true,
	"bundle": true, "bundler": true, "go": true, "mvn": true, "mvnw": true,
	"gradle": true, "gradlew": true, "composer": true, "dotnet": true, "cargo": true,
}

// mayInstallDeps is classifyDepInstall's cheap first look: most commands
// of a RUN are no package manager at all.
func mayInstallDeps(c *Command) bool {
	if depTools[c.Base()] {
		return true
	}
	_, pip := PipCommand(c)
	return pip
}

// classifyDepInstall decides whether c, which mayInstallDeps, installs
// dependencies from manifests, and which. cd is the directory `cd` moved to
// in the RUN.
func classifyDepInstall(c *Command, workdir, cd string) (DepInstall, bool) {
	if c.IsQuery() {
		return DepInstall{}, false // `npm --version`, `pip install --help`
	}
	sub, _ := c.Subcommand()
	ops := c.Operands()
	dir := func(flag string) string {
		if flag == "" {
			return ResolvePath(workdir, cd)
		}
		return ResolvePath(ResolvePath(workdir, cd), flag)
	}
	var d DepInstall
	switch {
	case c.Is("npm"):
		if c.HasFlag("g", "global") {
			return d, false
		}
		switch sub.Text {
		case "ci", "clean-install", "install-clean", "isntall-clean", "ic":
		case "install", "i", "add", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall":
			if len(ops) > 1 {
				return d, false // installs named packages
			}
		default:
			return d, false
		}
		prefix, _ := c.FlagValue("", "prefix")
		d = DepInstall{Ecosystem: "npm", Dir: dir(prefix), Manifests: []string{"package.json"}}
		if sub.Text == "ci" || sub.Text == "clean-install" || sub.Text == "ic" || strings.HasPrefix(sub.Text, "install-clean") || strings.HasPrefix(sub.Text, "isntall-clean") {
			d.Manifests = append(d.Manifests, "package-lock.json")
		} else {
			d.Manifests = []string{"package*.json"}
		}
	case c.Is("yarn"):
		if sub.Text != "" && sub.Text != "install" {
			return d, false
		}
		cwd, _ := c.FlagValue("", "cwd")
		d = DepInstall{Ecosystem: "yarn", Dir: dir(cwd), Manifests: []string{"package.json", "yarn.lock"}}
	case c.Is("pnpm"):
		if sub.Text != "install" && sub.Text != "i" || len(ops) > 1 {
			return d, false
		}
		at, _ := c.FlagValue("C", "dir")
		d = DepInstall{Ecosystem: "pnpm", Dir: dir(at), Manifests: []string{"package.json", "pnpm-lock.yaml"}}
	case c.Is("poetry"):
		if sub.Text != "install" && sub.Text != "sync" {
			return d, false
		}
		d = DepInstall{Ecosystem: "poetry", Dir: dir(""), Manifests: []string{"pyproject.toml", "poetry.lock"}}
	case c.Is("pipenv"):
		if sub.Text != "install" && sub.Text != "sync" || len(ops) > 1 {
			return d, false
		}
		d = DepInstall{Ecosystem: "pipenv", Dir: dir(""), Manifests: []string{"Pipfile", "Pipfile.lock"}}
	case c.Is("bundle", "bundler"):
		if sub.Text != "" && sub.Text != "install" {
			return d, false
		}
		d = DepInstall{Ecosystem: "bundler", Dir: dir(""), Manifests: []string{"Gemfile", "Gemfile.lock"}}
		if g, ok := c.FlagValue("", "gemfile"); ok {
			d.Dir = dir(path.Dir(g))
			d.Manifests = []string{path.Base(g), path.Base(g) + ".lock"}
		}
	case c.Is("composer"):
		if sub.Text != "install" {
			return d, false
		}
		wd, _ := c.FlagValue("d", "working-dir")
		d = DepInstall{Ecosystem: "composer", Dir: dir(wd), Manifests: []string{"composer.json", "composer.lock"}}
	case c.Is("go"):
		wd, _ := c.FlagValue("C", "")
		switch {
		case sub.Text == "mod" && len(ops) > 1 && ops[1].Text == "download":
			d = DepInstall{Ecosystem: "go", Dir: dir(wd), Manifests: []string{"go.mod", "go.sum"}}
		case sub.Text == "build":
			d = DepInstall{Ecosystem: "go", Dir: dir(wd), Manifests: []string{"go.mod", "go.sum"}, Prefetch: "go mod download"}
		default:
			return d, false
		}
	case c.Is("mvn", "mvnw"):
		goals := map[string]bool{}
		for _, o := range ops {
			goals[o.Text] = true
		}
		pom, _ := c.FlagValue("f", "file")
		d = DepInstall{Ecosystem: "maven", Dir: dir(""), Manifests: []string{"pom.xml"}}
		if pom != "" {
			d.Dir, d.Manifests = dir(path.Dir(pom)), []string{path.Base(pom)}
		}
		switch {
		case goals["dependency:go-offline"] || goals["dependency:resolve"]:
		case goals["package"] || goals["install"] || goals["verify"] || goals["compile"]:
			d.Prefetch = c.Name.Raw + " dependency:go-offline"
			if pom != "" {
				d.Prefetch = c.Name.Raw + " -f " + path.Base(pom) + " dependency:go-offline"
			}
		default:
			return d, false
		}
	case c.Is("gradle", "gradlew"):
		build, deps := false, false
		for _, o := range ops {
			switch o.Text {
			case "build", "assemble", "bootJar", "jar", "installDist", "shadowJar":
				build = true
			case "dependencies":
				deps = true
			}
		}
		if !build && !deps {
			return d, false
		}
		d = DepInstall{Ecosystem: "gradle", Dir: dir(""), Manifests: []string{"build.gradle", "settings.gradle"}}
		if build && !deps {
			d.Prefetch = c.Name.Raw + " dependencies --no-daemon"
		}
		if c.Is("gradlew") {
			d.NoRewrite = true // the wrapper needs gradle/ and gradlew copied too
		}
	case c.Is("cargo") && sub.Text == "chef":
		// cargo-chef: `cargo chef cook` builds the dependencies a recipe
		// (`cargo chef prepare`) lists, without the sources.
		if len(ops) < 2 || ops[1].Text != "cook" {
			return d, false
		}
		d = DepInstall{Ecosystem: "cargo", Dir: dir(""), Manifests: []string{"recipe.json"}, NoRewrite: true}
	case c.Is("cargo"):
		if sub.Text != "build" && sub.Text != "fetch" && sub.Text != "install" {
			return d, false
		}
		if sub.Text == "install" && !c.HasFlag("", "path") {
			return d, false
		}
		d = DepInstall{Ecosystem: "cargo", Dir: dir(""), Manifests: []string{"Cargo.toml", "Cargo.lock"}, NoRewrite: true}
	case c.Is("dotnet"):
		proj := ""
		for _, o := range ops[min(1, len(ops)):] {
			if strings.HasSuffix(o.Text, ".csproj") || strings.HasSuffix(o.Text, ".fsproj") || strings.HasSuffix(o.Text, ".sln") {
				proj = o.Text
			}
		}
		d = DepInstall{Ecosystem: "dotnet", Dir: dir(""), Manifests: []string{"*.csproj"}}
		if proj != "" {
			d.Dir, d.Manifests = dir(path.Dir(proj)), []string{path.Base(proj)}
		}
		switch sub.Text {
		case "restore":
		case "publish", "build":
			if c.HasFlag("", "no-restore") {
				return d, false
			}
			d.Prefetch = "dotnet restore"
			if proj != "" {
				d.Prefetch += " " + path.Base(proj)
			}
		default:
			return d, false
		}
		if strings.HasSuffix(proj, ".sln") {
			d.NoRewrite = true // the projects it lists are needed too
		}
	default:
		p, ok := PipCommand(c)
		if !ok {
			return d, false
		}
		if s, _ := p.Subcommand(); s.Text != "install" {
			return d, false
		}
		d = DepInstall{Ecosystem: "pip", Dir: dir("")}
		scanned := p.scanArgs()
		for i, a := range scanned {
			w := p.Args[a.index].Text
			switch {
			case a.kind != argOption:
			case w == "-r" || w == "--requirement" || w == "-c" || w == "--constraint":
				if i+1 < len(scanned) && p.Args[scanned[i+1].index].Literal {
					d.Manifests = append(d.Manifests, p.Args[scanned[i+1].index].Text)
				}
			case strings.HasPrefix(w, "--requirement=") || strings.HasPrefix(w, "--constraint="):
				d.Manifests = append(d.Manifests, w[strings.Index(w, "=")+1:])
			case strings.HasPrefix(w, "-r") && len(w) > 2:
				d.Manifests = append(d.Manifests, w[2:])
			}
		}
		if len(d.Manifests) == 0 {
			return d, false // pip install <packages> or `pip install .`: no manifest to copy first
		}
	}
	return d, true
}

// jsLockfiles are the lockfiles a JavaScript install may read.
var jsLockfiles = []string{"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml"}

// ContextCopy is what a COPY of a build-context directory does: the
// context directory Source lands in the container directory Dest.
type ContextCopy struct {
	Source string // cleaned context path, "." for the whole context
	Dest   string // absolute, cleaned
}

// ContextManifests maps the manifests of d through the COPY m to build
// context paths. It reports false when a manifest does not lie below the
// COPY's destination (the COPY does not bring it). With a known context in
// which the first manifest exists, the lockfiles kept are the ones that
// exist, and found is set; otherwise the names the command implies are used.
func (d DepInstall) ContextManifests(m ContextCopy, ws Workspace) (paths []string, found, ok bool) {
	ctx := func(name string) (string, bool) {
		p := ResolvePath(d.Dir, name)
		if p != m.Dest && !strings.HasPrefix(p, strings.TrimSuffix(m.Dest, "/")+"/") {
			return "", false
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, m.Dest), "/")
		return path.Join(m.Source, rel), true
	}
	names := d.Manifests
	if ws != nil {
		if p, ok := ctx("build.gradle.kts"); ok && d.Ecosystem == "gradle" && ws.Exists(p) {
			names = []string{"build.gradle.kts", "settings.gradle.kts"}
		}
		if d.Ecosystem == "npm" || d.Ecosystem == "yarn" || d.Ecosystem == "pnpm" {
			if p, ok := ctx("package.json"); ok && ws.Exists(p) {
				names = append([]string{"package.json"}, jsLockfiles...)
			}
		}
		if p, ok := ctx(names[0]); ok && ws.Exists(p) {
			found = true
		}
	}
	for _, name := range names {
		p, ok := ctx(name)
		if !ok {
			return nil, false, false
		}
		if found && !strings.ContainsAny(name, "*?[") && !ws.Exists(p) {
			continue
		}
		paths = append(paths, p)
	}
	return paths, found, true
}
