package fixes

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// examplesDir holds the real Dockerfiles quoted by the books and articles
// layerwise grew from; it sits beside the repository (../shared), as in CI.
const examplesDir = "../../shared/examples"

// TestFixAllOnTheExamples: fix-all on every example leaves a file that parses
// as well as before and offers no safe fix any more (every finding it could
// fix is gone), and running it again changes nothing.
func TestFixAllOnTheExamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(examplesDir, "*.Dockerfile"))
	if len(files) == 0 {
		t.Skip("no examples beside the repository (" + examplesDir + ")")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		before := string(data)
		fixed := All(before, everyRule)
		name := filepath.Base(file)
		if len(analysis.Parse(fixed).Errors) > len(analysis.Parse(before).Errors) {
			t.Errorf("%s: fix-all broke the file:\n%s", name, fixed)
		}
		f := analysis.Parse(fixed)
		for _, fd := range analysis.AnalyzeWith(f, rules.All(), analysis.Options{StrictScope: true}) {
			for _, fx := range For(f, fd) {
				if fx.Kind == QuickFix && fx.Preferred && len(fx.Create) == 0 {
					t.Errorf("%s: after fix-all, %s at line %d still offers %q", name, fd.Code, int(fd.Range.Start.Line)+1, fx.Title)
				}
			}
		}
		if again := All(fixed, everyRule); again != fixed {
			t.Errorf("%s: fix-all is not idempotent", name)
		}
	}
}
