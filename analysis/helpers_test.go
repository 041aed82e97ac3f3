package analysis

// Analyze runs every rule over f with the default configuration, failing
// on a stage rule that reports outside its stage.
func Analyze(f *File) []Finding { return AnalyzeWith(f, allRules, Options{StrictScope: true}) }
