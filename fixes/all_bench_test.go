package fixes_test

import (
	"fmt"
	"testing"

	"github.com/layerwise/layerwise/analysis/rules"
	"github.com/layerwise/layerwise/fixes"
	"github.com/layerwise/layerwise/internal/benchgen"
)

// BenchmarkFixAll is "Fix all layerwise findings" on generated files that
// hold the problems real files have (separate apt-get update, caches left
// in layers, missing --no-install-recommends, ...).
func BenchmarkFixAll(b *testing.B) {
	for _, n := range []int{200, 1500} {
		src := benchgen.Dockerfile(n)
		if fixes.All(src, fixes.Analyzer{Rules: rules.All()}) == src {
			b.Fatalf("%d lines: fix-all changed nothing", n)
		}
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				fixes.All(src, fixes.Analyzer{Rules: rules.All()})
			}
		})
	}
}
