package fixes

import "github.com/layerwise/layerwise/analysis"

// maxRounds bounds fix-all: each round applies every non-overlapping quick
// fix, then re-analyses, so fixes whose edits touched the same lines (merge
// RUN and add --no-cache) still all land, in a few rounds.
const maxRounds = 8

// Analyzer is the analysis fix-all runs again after each round: the rules
// and options that found the findings, and the document's parse cache, so
// that a round parses only what the fixes changed.
type Analyzer struct {
	Rules   []*analysis.Rule
	Options analysis.Options
	Cache   *analysis.Cache // nil: every round parses from scratch
}

// Analyze parses text through the cache and runs the rules over it.
func (a Analyzer) Analyze(text string) (*analysis.File, []analysis.Finding) {
	f := analysis.ParseWith(text, a.Cache)
	return f, analysis.AnalyzeWith(f, a.Rules, a.Options)
}

// All applies every preferred quick fix (never a rewrite) to text and
// returns the fixed text. Fixes that would overlap are left for the next
// round, which sees the text as the earlier fixes left it.
func All(text string, a Analyzer) string {
	f, findings := a.Analyze(text)
	return AllFrom(f, findings, a)
}

// AllFrom is All for a text already analysed: f and its findings are the
// first round.
func AllFrom(f *analysis.File, findings []analysis.Finding, a Analyzer) string {
	text := f.Text
	for round := 0; round < maxRounds; round++ {
		if round > 0 {
			f, findings = a.Analyze(text)
		}
		var taken []Edit
		for _, fd := range findings {
			for _, fx := range For(f, fd) {
				if safe(fx) && !overlaps(fx.Edits, taken) {
					taken = append(taken, fx.Edits...)
					break
				}
			}
		}
		if len(taken) == 0 {
			return text
		}
		next, err := Apply(text, taken)
		if err != nil || next == text {
			return text
		}
		text = next
	}
	return text
}

// HasSafeFix reports whether one of the findings of f has a fix that
// fix-all applies, trying their fixers in order and stopping at the first
// that offers one: what an editor needs to know to list "Fix all" without
// computing it.
func HasSafeFix(f *analysis.File, findings []analysis.Finding) bool {
	for _, fd := range findings {
		for _, fx := range For(f, fd) {
			if safe(fx) {
				return true
			}
		}
	}
	return false
}

// safe reports whether fix-all may apply a fix: a preferred quick fix that
// creates no file.
func safe(fx Fix) bool {
	return fx.Kind == QuickFix && fx.Preferred && len(fx.Create) == 0
}
