package rules

import "github.com/layerwise/layerwise/analysis"

var aptNoInstallRecommends = &analysis.Rule{
	ID:       "apt-no-install-recommends",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategorySize,
	Severity: analysis.SeverityWarning,
	Summary:  "apt-get install without --no-install-recommends installs every recommended package too",
	Aliases:  []string{"DL3015"},
	Doc: "By default `apt-get install` also installs the packages that the ones you asked for " +
		"*recommend*: documentation, optional plugins, desktop helpers, extra locales. A " +
		"container rarely needs them, and they end up in the layer, in every pull and in " +
		"every vulnerability scan. `--no-install-recommends` installs what the packages " +
		"depend on and nothing more.\n\n" +
		"Bad:\n\n" +
		"    RUN apt-get update && apt-get install -y openjdk-8-jre-headless\n\n" +
		"Good (the cleaned-up Dockerfile of *Docker High Performance*, ch. 2):\n\n" +
		"    RUN apt-get update \\\n" +
		"     && apt-get --no-install-recommends install -y openjdk-8-jre-headless \\\n" +
		"     && rm -rf /var/lib/apt/lists/*\n\n" +
		"The option may stand before or after the subcommand; " +
		"`-o APT::Install-Recommends=false` counts too. If a program turns out to need a " +
		"recommended package, name it in the install. Only stages that end up in the image " +
		"are checked. The quick fix inserts `--no-install-recommends` after `install`. " +
		"A command that only asks its version or help (`yarn --version`, `pip --version`) or only simulates (`apt-get install -s`, `apk add --simulate`) installs nothing and is not reported. " +
		"A stage that turns recommends off for one install (or whose parent stage does) has " +
		"chosen, install by install, which take recommends: its other installs are deliberate " +
		"and not reported. " +
		"`ONBUILD RUN` is checked like RUN: its layer lands in every image built FROM this one. Silence with `# layerwise ignore=apt-no-install-recommends` (or hadolint's DL3015).",
	Scope: analysis.ScopeStage,
	Run:   checkAptNoInstallRecommends,
}

func checkAptNoInstallRecommends(p *analysis.Pass) {
	runs := p.ShippedCommands()
	if len(runs) == 0 || recommendsChosen(p.File, p.Stage) {
		return
	}
	for _, in := range runs {
		for _, c := range stageAptInstalls(p.File, in) {
			p.Report(analysis.Finding{Range: analysis.CommandSpan(c), Message: "`" + c.Base() + " install` without --no-install-recommends: the recommended packages are installed too and stay in the image"})
		}
	}
}

// stageAptInstalls are the apt installs of one RUN (or ONBUILD RUN).
func stageAptInstalls(f *analysis.File, in *analysis.Instruction) []*analysis.Command {
	var out []*analysis.Command
	for _, c := range in.Shell(f).Commands {
		if aptInstall(c) {
			out = append(out, c)
		}
	}
	return out
}

func aptInstall(c *analysis.Command) bool {
	return c.Is("apt-get", "apt") && c.SubcommandText() == "install" && !c.IsQuery()
}

func withoutRecommends(c *analysis.Command) bool {
	return c.HasFlag("", "no-install-recommends") || analysis.AptFalse(analysis.AptOptions(c)["apt::install-recommends"])
}

// recommendsChosen reports whether an install of the stage, or of a stage
// it is built FROM, turns recommends off: whoever wrote it knows the
// option, and picks, install by install, which take recommends. Those
// without it are then deliberate, not forgotten.
func recommendsChosen(f *analysis.File, st *analysis.Stage) bool {
	chosen := false
	check := func(in *analysis.Instruction) {
		if !in.Runs() || chosen {
			return
		}
		for _, c := range in.Shell(f).Commands {
			chosen = chosen || aptInstall(c) && withoutRecommends(c)
		}
	}
	if len(st.Instructions) > 0 {
		f.Inherited(st.Instructions[0], check)
	}
	for _, in := range st.Instructions {
		check(in)
	}
	return chosen
}
