package analysis_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
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
				analysis.AnalyzeWith(analysis.Parse(src), rules.All(), analysis.Options{})
			}
		})
	}
}

// BenchmarkIncremental is what a keystroke costs in the server: the document
// changes in one instruction and the cache holds the parse of the others.
func BenchmarkIncremental(b *testing.B) {
	for _, n := range sizes {
		src := benchgen.Dockerfile(n)
		versions := typedInMiddle(src)
		b.Run(fmt.Sprintf("parse/lines=%d", n), func(b *testing.B) {
			benchEdits(b, versions, func(f *analysis.File) {})
		})
		b.Run(fmt.Sprintf("parse+analyze/lines=%d", n), func(b *testing.B) {
			benchEdits(b, versions, func(f *analysis.File) {
				analysis.AnalyzeWith(f, rules.All(), analysis.Options{})
			})
		})
	}
}

// BenchmarkIncrementalNewline is BenchmarkIncremental for Enter typed in
// the middle of the file: everything after it moves one line down.
func BenchmarkIncrementalNewline(b *testing.B) {
	for _, n := range sizes {
		src := benchgen.Dockerfile(n)
		mid := middleRun(src)
		versions := []string{src[:mid] + "\n" + src[mid:], src}
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			benchEdits(b, versions, func(f *analysis.File) {
				analysis.AnalyzeWith(f, rules.All(), analysis.Options{})
			})
		})
	}
}

// BenchmarkIncrementalSingleStage is BenchmarkIncremental on one stage of
// the same length (every FROM but the first commented out): an edit then
// changes the only stage, so the stage rules run on all of it, and rules
// that look back over earlier layers see every layer of the file.
func BenchmarkIncrementalSingleStage(b *testing.B) {
	for _, n := range []int{200, 1500} {
		versions := typedInMiddle(benchgen.SingleStage(n))
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			benchEdits(b, versions, func(f *analysis.File) {
				analysis.AnalyzeWith(f, rules.All(), analysis.Options{})
			})
		})
	}
}

// middleRun is the offset of a RUN in the middle of a generated file.
func middleRun(src string) int {
	return strings.Index(src[len(src)/2:], "RUN npm run build") + len(src)/2
}

// typedInMiddle types into a RUN line in the middle and undoes it, as
// lspbench does: the text after the edit moves.
func typedInMiddle(src string) []string {
	mid := middleRun(src)
	return []string{src[:mid] + "RUN npm run build --edited" + src[mid+17:], src}
}

// benchEdits parses the versions in turn through one cache, as the server
// does on each change, and hands each File to use.
func benchEdits(b *testing.B, versions []string, use func(*analysis.File)) {
	c := analysis.NewCache()
	use(analysis.ParseWith(versions[1], c))
	i := 0
	for b.Loop() {
		use(analysis.ParseWith(versions[i%2], c))
		i++
	}
}
