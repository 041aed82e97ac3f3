package rules

import "github.com/layerwise/layerwise/analysis"

// analyze runs every rule over f with the default configuration, failing
// on a stage rule that reports outside its stage.
func analyze(f *analysis.File) []analysis.Finding {
	return analysis.AnalyzeWith(f, all, analysis.Options{StrictScope: true})
}
