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
		"A RUN that turns recommends off for one install and not for another has chosen, " +
		"install by install, and is not reported. " +
		"`ONBUILD RUN` is checked like RUN: its layer lands in every image built FROM this one. Silence with `# layerwise ignore=apt-no-install-recommends` (or hadolint's DL3015).",
	Scope: analysis.ScopeStage,
	Run:   checkAptNoInstallRecommends,
}

func checkAptNoInstallRecommends(p *analysis.Pass) {
	for _, in := range p.ShippedCommands() {
		cmds := in.Shell(p.File).Commands
		var missing []*analysis.Command
		chosen := false // another install of the RUN turns recommends off
		for _, c := range cmds {
			if !c.Is("apt-get", "apt") || c.SubcommandText() != "install" || c.IsQuery() {
				continue
			}
			if c.HasFlag("", "no-install-recommends") || analysis.AptFalse(analysis.AptOptions(c)["apt::install-recommends"]) {
				chosen = true
				continue
			}
			missing = append(missing, c)
		}
		if chosen {
			continue // the RUN picks, install by install, which take recommends
		}
		for _, c := range missing {
			p.Report(analysis.Finding{Range: analysis.CommandSpan(c), Message: "`" + c.Base() + " install` without --no-install-recommends: the recommended packages are installed too and stay in the image"})
		}
	}
}
