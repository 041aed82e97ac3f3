package benchgen

import (
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

func TestGeneratedFilesParseCleanly(t *testing.T) {
	for _, n := range []int{200, 1500, 8000} {
		src := Dockerfile(n)
		if got := strings.Count(src, "\n"); got < n || got > n+20 {
			t.Errorf("Dockerfile(%d) has %d lines", n, got)
		}
		f := analysis.Parse(src)
		if len(f.Errors) > 0 {
			t.Errorf("Dockerfile(%d): %v", n, f.Errors[0])
		}
		if len(analysis.AnalyzeWith(f, rules.All(), analysis.Options{StrictScope: true})) == 0 {
			t.Errorf("Dockerfile(%d) has no findings; a realistic file has a few", n)
		}
	}
}
