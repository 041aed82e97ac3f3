package ide

import (
	"testing"

	"github.com/layerwise/layerwise/internal/corpus"
)
import "github.com/layerwise/layerwise/analysis"

// TestFeaturesAreTotal runs every editor feature at every offset of files
// that are odd in every way we know of: none may panic.
func TestFeaturesAreTotal(t *testing.T) {
	for _, src := range corpus.Odd {
		runAllFeatures(src)
	}
}

// FuzzFeatures checks the same on generated files.
func FuzzFeatures(f *testing.F) {
	for _, src := range corpus.Odd {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		runAllFeatures(src)
	})
}

func runAllFeatures(src string) {
	{
		f := analysis.Parse(src)
		DocumentSymbols(f)
		FoldingRanges(f)
		DocumentLinks(f)
		for off := -1; off <= len(src)+1; off++ {
			Hover(f, off, all)
			Complete(f, off, all)
			Definition(f, off)
			References(f, off, true)
			Highlights(f, off)
			PrepareRename(f, off)
			_, _ = Rename(f, off, "renamed")
		}
	}
}
