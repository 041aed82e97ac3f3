package rules

import "github.com/layerwise/layerwise/analysis"

var rpmInstallMissingYes = &analysis.Rule{
	ID:       "rpm-install-missing-yes",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityWarning,
	Summary:  "yum/dnf/microdnf/zypper install without -y stops at the confirmation prompt and fails the build",
	Aliases:  []string{"DL3030", "DL3038", "DL3034"},
	Doc: "A build has no terminal. `yum install`, `dnf install` and `microdnf install` ask " +
		"*Is this ok [y/N]* and, with no answer, abort; `zypper install` asks *Continue? " +
		"[y/n/v/...]*. The RUN fails, or worse, a later edit of the package list makes it " +
		"fail on someone else's machine.\n\n" +
		"Bad:\n\n    RUN dnf install httpd && dnf clean all\n\n" +
		"Good:\n\n    RUN dnf install -y httpd && dnf clean all\n\n" +
		"Accepted: `-y`, `--assumeyes` (yum, dnf, microdnf; also `--setopt=assumeyes=1`), " +
		"`-n`, `--non-interactive` (global options), `-y`, `--no-confirm` for zypper. Installs, " +
		"upgrades, removals and group installs are checked; queries (`--version`, `--help`) " +
		"are not, nor a command fed by `yes |`. `ONBUILD RUN` is checked like RUN. The quick " +
		"fix inserts `-y` after the subcommand. Silence with " +
		"`# layerwise ignore=rpm-install-missing-yes` (or hadolint's DL3030, DL3038, DL3034).",
	Scope: analysis.ScopeStage,
	Run:   checkRpmInstallMissingYes,
}

// rpmPrompting are the subcommands of yum, dnf and microdnf that ask before
// they change the system.
var rpmPrompting = map[string]bool{
	"install": true, "in": true, "reinstall": true, "rei": true, "localinstall": true, "groupinstall": true,
	"update": true, "upgrade": true, "up": true, "update-minimal": true, "upgrade-minimal": true, "up-min": true,
	"remove": true, "rm": true, "erase": true, "autoremove": true, "distro-sync": true, "downgrade": true,
	"swap": true, "group": true, "module": true, "builddep": true,
}

// zypperPrompting are zypper's.
var zypperPrompting = map[string]bool{
	"install": true, "in": true, "remove": true, "rm": true, "update": true, "up": true,
	"dist-upgrade": true, "dup": true, "patch": true, "source-install": true, "si": true,
}

func checkRpmInstallMissingYes(p *analysis.Pass) {
	for _, in := range p.Stage.Instructions {
		if !in.Runs() {
			continue
		}
		script := in.Shell(p.File)
		for _, c := range script.Commands {
			if RpmPrompts(script, c) {
				p.Report(analysis.Finding{Range: analysis.CommandSpan(c), Message: "`" + c.Base() + " " + c.SubcommandText() +
					"` without -y: the build has no terminal to answer the prompt, so it aborts and the RUN fails"})
			}
		}
	}
}

// RpmPrompts reports whether c is a yum, dnf, microdnf or zypper command
// that asks for confirmation and is not told the answer.
func RpmPrompts(script *analysis.Script, c *analysis.Command) bool {
	if c.IsQuery() {
		return false
	}
	sub := c.SubcommandText()
	switch {
	case c.Is("zypper"):
		return zypperPrompting[sub] && !c.HasFlag("n", "non-interactive") && !c.HasFlag("y", "no-confirm") && !analysis.PipedFromYes(script, c)
	case c.Is(analysis.RPMTools...):
		if !rpmPrompting[sub] || c.HasFlag("y", "assumeyes") || analysis.PipedFromYes(script, c) {
			return false
		}
		if v, ok := c.FlagValue("", "setopt"); ok && (v == "assumeyes=1" || v == "assumeyes=True" || v == "assumeyes=true") {
			return false
		}
		return true
	}
	return false
}
