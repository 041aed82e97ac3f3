package rules

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var copyDestNotDir = &analysis.Rule{
	ID:       "copy-dest-not-dir",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityWarning,
	Summary:  "COPY or ADD of several sources to a destination that does not end in /",
	Aliases:  []string{"DL3021"},
	Doc: "With more than one source, the destination of COPY and ADD must be a folder, " +
		"and Docker asks for it to be written as one: *When using COPY with more than one " +
		"source file, the destination must be a directory and end with a /*. Without the " +
		"slash the classic builder fails the build, and a reader cannot tell whether a file " +
		"or a folder was meant.\n\n" +
		"Bad:\n\n    COPY package.json yarn.lock /app\n\n" +
		"Good:\n\n    COPY package.json yarn.lock /app/\n\n" +
		"`.` and a path ending in `/.` are folders already. Quotes around the destination " +
		"are read as BuildKit reads them. The quick fix appends the `/`. Silence with " +
		"`# layerwise ignore=copy-dest-not-dir` (or hadolint's DL3021).",
	Scope: analysis.ScopeStage,
	Run:   checkCopyDestNotDir,
}

func checkCopyDestNotDir(p *analysis.Pass) {
	for _, in := range p.Stage.Instructions {
		if in.Name != "copy" && in.Name != "add" || len(in.Args) < 2 || strings.HasPrefix(in.Args[0].Text, "[") {
			continue
		}
		spec, ok := analysis.ReadCopy(p.File, in)
		if !ok || len(spec.Sources) < 2 {
			continue
		}
		dest := in.Args[len(in.Args)-1]
		raw := analysis.UnquotedPaths(p.File, []string{dest.Text})[0]
		if strings.HasSuffix(raw, "/") || raw == "." || strings.HasSuffix(raw, "/.") || strings.Contains(raw, "$") {
			continue
		}
		p.Report(analysis.Finding{Range: dest.Range, Message: strings.ToUpper(in.Name) + " of several sources to " + raw + ", which does not end in /: the destination must be a folder, written as one"})
	}
}
