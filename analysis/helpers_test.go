package analysis

// The rules layerwise ships live in package rules, which this package's own
// tests cannot import; the tests of the driver and of the caches that need
// the real rules are in package analysis_test (analyze_rules_test.go). The
// tests here that only need every cache of the driver filled use these
// stand-ins: a stage rule that reports every RUN, and the BuildKit checks.
var standInRules = []*Rule{
	{ID: "every-run", Source: SourceLayerwise, Severity: SeverityWarning, Scope: ScopeStage, Run: func(p *Pass) {
		for _, in := range p.Stage.Instructions {
			if in.Name == "run" {
				p.Report(Finding{Range: in.Keyword.Range, Message: "a RUN", Data: p.Ref(in)})
			}
		}
	}},
	{ID: "buildkit", Source: SourceBuildKit, Severity: SeverityWarning, Scope: ScopeFile, Run: func(p *Pass) {
		for _, c := range p.File.BuildKitChecks() {
			p.Report(Finding{Range: c.Range, Message: c.Rule + ": " + c.Message})
		}
	}},
}

// analyzeStandIn runs the stand-in rules over f, failing on a stage rule
// that reports outside its stage.
func analyzeStandIn(f *File) []Finding {
	return AnalyzeWith(f, standInRules, Options{StrictScope: true})
}
