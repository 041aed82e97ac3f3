package analysis_test

import (
	"fmt"
	"testing"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/internal/benchgen"
)

var sizes = []int{200, 1500, 8000}

func BenchmarkParse(b *testing.B) {
	for _, n := range sizes {
		src := benchgen.Dockerfile(n)
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				analysis.Parse(src)
			}
		})
	}
}

// BenchmarkParseAndAnalyze is what every keystroke costs: the model and
// every rule.
func BenchmarkParseAndAnalyze(b *testing.B) {
	for _, n := range sizes {
		src := benchgen.Dockerfile(n)
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				analysis.Analyze(analysis.Parse(src))
			}
		})
	}
}
