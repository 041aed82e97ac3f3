package rules

import (
	"path"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var sudoRule = &analysis.Rule{
	ID:       "sudo",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategorySecurity,
	Severity: analysis.SeverityWarning,
	Summary:  "sudo in a RUN: switch users with USER, or run the step as root",
	Aliases:  []string{"DL3004"},
	Doc: "A RUN already runs as the image's current USER, root unless a USER said " +
		"otherwise. `sudo` there either does nothing (as root) or needs a sudoers entry " +
		"and a password-less account in the image — a way back to root for anything that " +
		"runs in the container later. It also breaks `SIGTERM` forwarding and keeps a TTY " +
		"requirement some images have.\n\n" +
		"Bad:\n\n    USER app\n    RUN sudo apt-get install -y curl\n\n" +
		"Good:\n\n    USER root\n    RUN apt-get install -y curl\n    USER app\n\n" +
		"`sudo` as a package to install (`apt-get install sudo`) is not reported: it is " +
		"the command that is. Nor is `sudo -u app cmd`: run as root, it only drops " +
		"privileges for one command, as `gosu app cmd` or `setpriv` would. `ONBUILD RUN` is checked like RUN. Silence with " +
		"`# layerwise ignore=sudo` (or hadolint's DL3004).",
	Scope: analysis.ScopeStage,
	Run:   checkSudo,
}

func checkSudo(p *analysis.Pass) {
	for _, in := range p.Stage.Instructions {
		if !in.Runs() {
			continue
		}
		for _, c := range in.Shell(p.File).Commands {
			for i, w := range c.Prefix {
				if c.Sudo && path.Base(w.Text) == "sudo" && !dropsPrivileges(c.Prefix[i+1:]) {
					p.Report(analysis.Finding{Range: w.Range, Message: "sudo in a RUN: it needs a sudoers entry in the image, or does nothing as root; use USER"})
					break
				}
			}
		}
	}
}

// dropsPrivileges reports whether sudo's options (the words after it)
// name a user or group to run as: `sudo -u app`, `--user=app`.
func dropsPrivileges(opts []analysis.ShellWord) bool {
	for _, w := range opts {
		t := w.Text
		if !strings.HasPrefix(t, "-") {
			return false // the wrapped command, or env's words
		}
		if t == "-u" || t == "-g" || strings.HasPrefix(t, "--user") || strings.HasPrefix(t, "--group") ||
			strings.HasPrefix(t, "-u") && len(t) > 2 {
			return true
		}
	}
	return false
}
