package fixes

import (
	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// maxRounds bounds fix-all: each round applies every non-overlapping quick
// fix, then re-analyses, so fixes whose edits touched the same lines (merge
// RUN and add --no-cache) still all land, in a few rounds.
const maxRounds = 8

// All applies every preferred quick fix (never a rewrite) to text and
// returns the fixed text. Fixes that would overlap are left for the next
// round, which sees the text as the earlier fixes left it.
func All(text string, opts analysis.Options) string {
	for round := 0; round < maxRounds; round++ {
		f := analysis.Parse(text)
		var taken []Edit
		for _, fd := range analysis.AnalyzeWith(f, rules.All(), opts) {
			for _, fx := range For(f, fd) {
				if fx.Kind != QuickFix || !fx.Preferred || len(fx.Create) > 0 || overlaps(fx.Edits, taken) {
					continue
				}
				taken = append(taken, fx.Edits...)
				break
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
