package rules

import "github.com/layerwise/layerwise/analysis"

var runCd = &analysis.Rule{
	ID:       "run-cd",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityWarning,
	Summary:  "A RUN that only changes directory does nothing: the next instruction starts where it was",
	Aliases:  []string{"DL3003"},
	Doc: "Each RUN is a new shell. `RUN cd /app` changes the directory of a shell that " +
		"exits at once; the next RUN, COPY or CMD still starts in the old WORKDIR, and the " +
		"files it writes land in the wrong place.\n\n" +
		"Bad:\n\n    RUN cd /app\n    RUN make\n\n" +
		"Good:\n\n    WORKDIR /app\n    RUN make\n\n" +
		"Only a RUN whose one command is `cd` is reported: `RUN cd src && make` works (the " +
		"`cd` holds for the rest of that RUN), and moving it into a WORKDIR changes every " +
		"instruction after it, which is a choice, not a fix. The quick fix turns the RUN " +
		"into `WORKDIR` with the same path. Silence with `# layerwise ignore=run-cd` (or " +
		"hadolint's DL3003).",
	Scope: analysis.ScopeStage,
	Run:   checkRunCd,
}

func checkRunCd(p *analysis.Pass) {
	for _, in := range p.Stage.Instructions {
		if in.Name != "run" || len(in.Heredocs) > 0 {
			continue
		}
		script := in.Shell(p.File)
		if !script.Parsed || script.Exec || len(script.Commands) != 1 {
			continue
		}
		c := script.Commands[0]
		if !c.Is("cd") || len(c.Args) > 1 || c.Sudo || len(c.Env) > 0 {
			continue
		}
		p.Report(analysis.Finding{Range: in.ArgsRange(), Message: "`cd` in a RUN of its own changes nothing: the next instruction starts in the old WORKDIR; use WORKDIR"})
	}
}
