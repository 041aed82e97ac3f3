package fixes

import (
	"testing"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// TestFixAllResolvesOverlappingFixes applies every safe fix of a file with
// several findings on the same instructions in one call and checks the result
// is what fixing them one by one gives.
func TestFixAllResolvesOverlappingFixes(t *testing.T) {
	before := "FROM golang:1.22 as Build\nMAINTAINER me\nRUN go build -o /app .\nrun echo x\nfrom alpine:3.19 as final\nCOPY --from=Build /app /app\nENV A b\nCMD /app --serve\n"
	want := "FROM golang:1.22 AS build\nLABEL org.opencontainers.image.authors=\"me\"\nRUN go build -o /app . \\\n    && echo x\nFROM alpine:3.19 AS final\nCOPY --from=build /app /app\nENV A=b\nCMD [\"/app\", \"--serve\"]\n"
	got := All(before, analysis.Options{})
	if got != want {
		t.Errorf("fix-all gave:\n%s\nwant:\n%s", got, want)
	}
	if again := All(got, analysis.Options{}); again != got {
		t.Errorf("fix-all is not idempotent:\n%s", again)
	}
	for _, fd := range analysis.AnalyzeWith(analysis.Parse(got), rules.All(), analysis.Options{StrictScope: true}) {
		for _, fx := range For(analysis.Parse(got), fd) {
			if fx.Kind == QuickFix && fx.Preferred && len(fx.Create) == 0 {
				t.Errorf("after fix-all, %s still offers %q", fd.Code, fx.Title)
			}
		}
	}
}
