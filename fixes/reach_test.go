package fixes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// step is one code action a user picks: the first fix of the first finding
// of rule code whose title starts with title.
type step struct{ code, title string }

func applyStep(t *testing.T, text string, s step) string {
	t.Helper()
	f := analysis.Parse(text)
	for _, fd := range analysis.AnalyzeWith(f, rules.All(), analysis.Options{StrictScope: true}) {
		if fd.Code != s.code {
			continue
		}
		for _, fx := range For(f, fd) {
			if strings.HasPrefix(fx.Title, s.title) {
				out, err := Apply(text, fx.Edits)
				if err != nil {
					t.Fatal(err)
				}
				return out
			}
		}
	}
	t.Fatalf("no %q action for %s in:\n%s", s.title, s.code, text)
	return ""
}

// TestAFewCodeActionsReachTheFixedVersions: on the examples the books show
// as bad, the code actions a user would pick lead to the version the source
// shows as fixed.
func TestAFewCodeActionsReachTheFixedVersions(t *testing.T) {
	if _, err := os.Stat(examplesDir); err != nil {
		t.Skip("no examples beside the repository (" + examplesDir + ")")
	}
	for _, tc := range []struct {
		file   string
		steps  []step
		check  func(t *testing.T, f *analysis.File)
		absent []string // rules that must be gone
	}{
		{
			file:  "apt-fakeclean.Dockerfile",
			steps: []step{{"apt-update-alone", ""}, {"cleanup-in-separate-layer", ""}},
			// apt-trueclean: update, install and cleanup in one RUN.
			check: func(t *testing.T, f *analysis.File) {
				runs := runTexts(f)
				if len(runs) != 2 || !strings.Contains(runs[1], "apt-get update") || !strings.Contains(runs[1], "install -y openjdk-8-jre-headless") || !strings.Contains(runs[1], "rm -rfv /var/lib/apt/lists/*") {
					t.Errorf("want the echo RUN and one RUN that updates, installs and cleans; got %q", runs)
				}
			},
			absent: []string{"apt-update-alone", "cleanup-in-separate-layer", "apt-lists-not-cleaned"},
		},
		{
			file:  "ruby-deps-after-copy.Dockerfile",
			steps: []step{{"copy-all-before-deps", "Copy dependency manifests first"}},
			// ruby-deps-first: the Gemfile first, bundle install, then the sources.
			check: func(t *testing.T, f *analysis.File) {
				order := instructionOrder(f)
				gem, install, all := strings.Index(order, "Gemfile"), strings.Index(order, "bundle install"), strings.Index(order, "ADD . /app")
				if gem < 0 || install < 0 || all < 0 || !(gem < install && install < all) {
					t.Errorf("want Gemfile copy, bundle install, then ADD . /app; got\n%s", order)
				}
			},
			absent: []string{"copy-all-before-deps"},
		},
		{
			file: "python-slim-bad.Dockerfile",
			steps: []step{
				{"apt-update-alone", ""},
				// The echo and mkdir RUNs are small, unrelated steps:
				// consecutive-run leaves them alone.
				{"copy-all-before-deps", "Copy dependency manifests first"},
				{"pip-no-cache-dir", ""},
				{"add-instead-of-copy", ""},
			},
			check:  func(t *testing.T, f *analysis.File) {},
			absent: []string{"apt-update-alone", "consecutive-run", "copy-all-before-deps", "pip-no-cache-dir", "add-instead-of-copy"},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(examplesDir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			for _, s := range tc.steps {
				text = applyStep(t, text, s)
			}
			f := analysis.Parse(text)
			if len(f.Errors) > 0 {
				t.Fatalf("the result does not parse: %v\n%s", f.Errors, text)
			}
			for _, fd := range analysis.AnalyzeWith(f, rules.All(), analysis.Options{StrictScope: true}) {
				for _, code := range tc.absent {
					if fd.Code == code {
						t.Errorf("%s still reported at line %d:\n%s", code, int(fd.Range.Start.Line)+1, text)
					}
				}
			}
			tc.check(t, f)
		})
	}
}

func runTexts(f *analysis.File) []string {
	var out []string
	for _, in := range f.Instructions {
		if in.Name == "run" {
			out = append(out, in.Logical.Text)
		}
	}
	return out
}

func instructionOrder(f *analysis.File) string {
	var b strings.Builder
	for _, in := range f.Instructions {
		b.WriteString(in.Logical.Text + "\n")
	}
	return b.String()
}
