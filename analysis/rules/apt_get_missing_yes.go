package rules

import "github.com/layerwise/layerwise/analysis"

var aptGetMissingYes = &analysis.Rule{
	ID:       "apt-get-missing-yes",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityWarning,
	Summary:  "apt-get install without -y stops at the confirmation prompt and fails the build",
	Aliases:  []string{"DL3014"},
	Doc: "`apt-get install` asks *Do you want to continue? [Y/n]* before it installs anything " +
		"that pulls in other packages. A build has no terminal to answer, so apt-get reads " +
		"end-of-file, prints `Abort.` and the RUN fails. `DEBIAN_FRONTEND=noninteractive` " +
		"does not answer this prompt; only `-y` (`--yes`, `--assume-yes`), `-qq` (which " +
		"implies `-y`) or `-o APT::Get::Assume-Yes=true` do. The same holds for the other " +
		"subcommands that ask (`upgrade`, `dist-upgrade`, `remove`, `purge`, `autoremove`, " +
		"`build-dep`), and for `apt` and `aptitude`.\n\n" +
		"Bad:\n\n" +
		"    RUN apt-get update && apt-get install curl\n\n" +
		"Good:\n\n" +
		"    RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n" +
		"     && rm -rf /var/lib/apt/lists/*\n\n" +
		"A command fed by `yes |` is not reported. The quick fix inserts `-y` after the " +
		"subcommand. A simulation (`apt-get install -s`, `--dry-run`) asks nothing and is not reported. `ONBUILD RUN` is checked like RUN: it runs in every build FROM this image. Silence with `# layerwise ignore=apt-get-missing-yes` (or hadolint's DL3014).",
	Scope: analysis.ScopeStage,
	Run:   checkAptGetMissingYes,
}

func checkAptGetMissingYes(p *analysis.Pass) {
	st := p.Stage
	for _, in := range st.Instructions {
		if !in.Runs() {
			continue
		}
		script := in.Shell(p.File)
		for _, c := range script.Commands {
			if !analysis.IsApt(c) || !analysis.AptPrompts(c) || analysis.AptAssumesYes(c) || analysis.PipedFromYes(script, c) {
				continue
			}
			p.Report(analysis.Finding{Range: analysis.CommandSpan(c), Message: "`" + c.Base() + " " + c.SubcommandText() + "` without -y: the build has no terminal to answer the confirmation prompt, so apt aborts and the RUN fails"})
		}
	}
}
