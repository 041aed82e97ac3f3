package rules

import (
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/layerwise/layerwise/analysis"
)

var pipefailRule = &analysis.Rule{
	ID:       "pipefail",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityWarning,
	Summary:  "A download or an unpacker piped into another command: its failure is hidden without pipefail",
	Aliases:  []string{"DL4006"},
	Doc: "A pipeline's status is that of its last command. In `curl -fsSL $URL | tar -xz`, " +
		"a failed download (a 404, a dropped connection) hands `tar` nothing, `tar` may " +
		"still succeed, and the build goes on without the files; `curl … | sh` runs half a " +
		"script. `set -o pipefail` makes the pipeline fail when any command in it fails.\n\n" +
		"Bad:\n\n    RUN curl -fsSL https://example.com/install.sh | sh\n\n" +
		"Good:\n\n    SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n    RUN curl -fsSL https://example.com/install.sh | sh\n\n" +
		"or `RUN set -o pipefail && curl … | sh` where the shell has it (bash, zsh, ksh, " +
		"busybox ash). Reported for a pipe whose left side can fail without anyone noticing: " +
		"a download (curl, wget, aria2c, fetch) or an unpacker (gzip, xz, bzip2, zstd, unzip, " +
		"tar); `echo … | tee` and the like cannot, and are left alone. Not reported under a " +
		"SHELL that sets `-o pipefail` (bash, zsh, ksh: `/bin/sh -o pipefail` is not taken " +
		"for granted, dash may not have it), after a `set -o pipefail` in the same RUN, or " +
		"under a non-POSIX SHELL (PowerShell, cmd). The SHELL of a stage this one is built " +
		"FROM counts. Silence with `# layerwise ignore=pipefail` (or hadolint's DL4006).",
	Scope: analysis.ScopeStage,
	Run:   checkPipefail,
}

// pipeSources are commands whose failure a pipe hides and that matters.
var pipeSources = map[string]bool{
	"curl": true, "wget": true, "aria2c": true, "fetch": true,
	"gzip": true, "gunzip": true, "zcat": true, "xz": true, "unxz": true, "xzcat": true,
	"bzip2": true, "bunzip2": true, "bzcat": true, "zstd": true, "zstdcat": true, "unzip": true, "tar": true,
}

func checkPipefail(p *analysis.Pass) {
	f := p.File
	for _, in := range p.Stage.Instructions {
		if !in.Runs() {
			continue
		}
		shell := inheritedShell(f, in)
		if !posixShellName(shell) || shellSetsPipefail(shell) {
			continue
		}
		script := in.Shell(f)
		if script.Exec || !script.Parsed {
			continue
		}
		cmds := script.Commands
		for i, c := range cmds {
			if c.Is("set") && setsPipefail(c) {
				break // from here on, pipes fail as they should
			}
			if !c.Pipe || !pipeSources[c.Base()] || i+1 >= len(cmds) || !pipedInto(f, c, cmds[i+1]) {
				continue
			}
			p.Report(analysis.Finding{Range: c.Name.Range, Message: "`" + c.Base() + "` piped into `" + cmds[i+1].Base() + "` without pipefail: if " + c.Base() + " fails, the pipeline (and the build) still succeeds"})
		}
	}
}

// pipedInto reports whether a's output goes through a pipe to b: only a
// `|` (or `|&`) and line continuations stand between them.
func pipedInto(f *analysis.File, a, b *analysis.Command) bool {
	if !b.Pipe {
		return false
	}
	from, to := int(a.Range.End.Offset), int(b.Range.Start.Offset)
	if from < 0 || to > len(f.Text) || from > to {
		return false
	}
	between := strings.NewReplacer("\\\r\n", "", "\\\n", "", " ", "", "\t", "", "\r", "", "\n", "").Replace(f.Text[from:to])
	return between == "|" || between == "|&"
}

// inheritedShell is the SHELL in effect at in, a stage built FROM another
// inheriting the other's (nil: /bin/sh -c).
func inheritedShell(f *analysis.File, in *analysis.Instruction) []string {
	var shell []string
	f.Inherited(in, func(x *analysis.Instruction) {
		if c, ok := x.Command().(*instructions.ShellCommand); ok {
			shell = c.Shell
		}
	})
	return shell
}

func posixShellName(shell []string) bool {
	if len(shell) == 0 {
		return true
	}
	switch path.Base(shell[0]) {
	case "sh", "bash", "dash", "ash", "ksh", "zsh", "mksh":
		return true
	}
	return false
}

// shellSetsPipefail reports whether a SHELL of bash, zsh or ksh runs with
// -o pipefail (`-o pipefail`, `-eo pipefail`).
func shellSetsPipefail(shell []string) bool {
	if len(shell) == 0 {
		return false
	}
	switch path.Base(shell[0]) {
	case "bash", "zsh", "ksh", "mksh":
	default:
		return false
	}
	for i, w := range shell {
		if w == "pipefail" && i > 0 && strings.HasPrefix(shell[i-1], "-") && strings.HasSuffix(shell[i-1], "o") {
			return true
		}
	}
	return false
}

// setsPipefail reports whether a `set` command turns pipefail on.
func setsPipefail(c *analysis.Command) bool {
	for i, a := range c.Args {
		if a.Text == "pipefail" && i > 0 && strings.HasPrefix(c.Args[i-1].Text, "-") && strings.HasSuffix(c.Args[i-1].Text, "o") {
			return true
		}
	}
	return false
}
