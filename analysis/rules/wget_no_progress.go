package rules

import "github.com/layerwise/layerwise/analysis"

var wgetNoProgress = &analysis.Rule{
	ID:         "wget-no-progress",
	Source:     analysis.SourceLayerwise,
	Category:   analysis.CategoryStyle,
	Severity:   analysis.SeverityInformation,
	DefaultOff: true,
	Summary:    "wget without -q or --progress fills the build log with a progress bar",
	Aliases:    []string{"DL3047"},
	Doc: "Without a terminal, `wget` prints its progress as a line of dots per few " +
		"kilobytes: a large download writes thousands of lines into the build log, slows " +
		"the log viewer of the CI and buries the lines that matter.\n\n" +
		"Bad:\n\n    RUN wget https://example.com/app.tar.gz\n\n" +
		"Good:\n\n    RUN wget -q https://example.com/app.tar.gz\n" +
		"    RUN wget --progress=dot:giga https://example.com/app.tar.gz\n\n" +
		"Not reported with `-q`/`--quiet`, `-nv`/`--no-verbose`, `--progress=...`, or a log " +
		"file (`-o`/`--output-file`, `-a`/`--append-output`). Off by default: a build " +
		"log is read when it fails, and many maintained images leave wget's dots in it by " +
		"choice; turn it on with `wget-no-progress: on` under `rules:`. Silence with " +
		"`# layerwise ignore=wget-no-progress` (or hadolint's DL3047).",
	Scope: analysis.ScopeStage,
	Run:   checkWgetNoProgress,
}

func checkWgetNoProgress(p *analysis.Pass) {
	for _, in := range p.Stage.Instructions {
		if !in.Runs() {
			continue
		}
		for _, c := range in.Shell(p.File).Commands {
			if !c.Is("wget") || c.IsQuery() || c.HasFlag("q", "quiet") || c.HasFlag("nv", "no-verbose") ||
				c.HasFlag("", "progress") || c.HasFlag("o", "output-file") || c.HasFlag("a", "append-output") {
				continue
			}
			p.Report(analysis.Finding{Range: c.Name.Range, Message: "wget without -q or --progress: its progress bar writes thousands of lines into the build log"})
		}
	}
}
