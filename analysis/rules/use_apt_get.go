package rules

import "github.com/layerwise/layerwise/analysis"

var useAptGet = &analysis.Rule{
	ID:       "use-apt-get",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityWarning,
	Summary:  "apt is meant for people at a terminal; scripts should call apt-get or apt-cache",
	Aliases:  []string{"DL3027"},
	Doc: "`apt` is the interactive front end: its output, progress bars and defaults may " +
		"change from one release to the next, and it warns *apt does not have a stable CLI " +
		"interface. Use with caution in scripts.* `apt-get` and `apt-cache` keep a stable " +
		"interface, which is what a Dockerfile, rebuilt for years, needs.\n\n" +
		"Bad:\n\n" +
		"    RUN apt update && apt install -y curl\n\n" +
		"Good:\n\n" +
		"    RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n" +
		"     && rm -rf /var/lib/apt/lists/*\n\n" +
		"The quick fix replaces `apt` with `apt-get` (`apt full-upgrade` becomes " +
		"`apt-get dist-upgrade`, `apt reinstall x` becomes `apt-get install --reinstall x`) or " +
		"with `apt-cache` for `show`, `search`, `policy`, `depends`, `rdepends`, `showsrc`. " +
		"`apt list` and `apt edit-sources` have no such equivalent and get no fix. " +
		"`ONBUILD RUN` is checked like RUN: it runs in every build FROM this image. Silence with `# layerwise ignore=use-apt-get` (or hadolint's DL3027).",
	Scope: analysis.ScopeStage,
	Run:   checkUseAptGet,
}

func checkUseAptGet(p *analysis.Pass) {
	st := p.Stage
	for _, in := range st.Instructions {
		if !in.Runs() {
			continue
		}
		for _, c := range in.Shell(p.File).Commands {
			if c.Base() != "apt" {
				continue
			}
			name := "apt"
			if sub := c.SubcommandText(); sub != "" {
				name += " " + sub
			}
			p.Report(analysis.Finding{Range: c.Name.Range, Message: "`" + name + "`: apt has no stable command-line interface for scripts; use apt-get (or apt-cache)"})
		}
	}
}
