package fixes

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// FuzzFixes applies every fix offered on arbitrary text: the result must
// parse without new syntax errors, and fix-all must be idempotent.
func FuzzFixes(f *testing.F) {
	for _, pattern := range []string{"../testdata/rules/*/*.Dockerfile", "../testdata/fixes/*/*.before.Dockerfile"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil && len(data) < 4096 {
				f.Add(string(data))
			}
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				panic(fmt.Sprintf("fixing hangs on:\n%q", src))
			}
		}()
		file := analysis.Parse(src)
		for _, fd := range analysis.AnalyzeWith(file, rules.All(), analysis.Options{StrictScope: true}) {
			for _, fx := range For(file, fd) {
				fixed, err := Apply(src, fx.Edits)
				if err != nil {
					t.Fatalf("%s %q: %v", fd.Code, fx.Title, err)
				}
				if after := analysis.Parse(fixed); len(after.Errors) > len(file.Errors) {
					t.Fatalf("%s %q breaks the file:\n%s\n=>\n%s\n%v", fd.Code, fx.Title, src, fixed, after.Errors)
				}
			}
		}
		once := All(src, everyRule)
		if twice := All(once, everyRule); twice != once {
			t.Fatalf("fix-all is not idempotent:\n%s\n=>\n%s\n=>\n%s", src, once, twice)
		}
		if after := analysis.Parse(once); len(after.Errors) > len(file.Errors) {
			t.Fatalf("fix-all breaks the file:\n%s\n=>\n%s\n%v", src, once, after.Errors)
		}
	})
}
