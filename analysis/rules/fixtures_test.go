package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
)

// Rule fixtures, in the manner of x/tools' analysistest: every file under
// testdata/rules/<rule-id>/ is a Dockerfile whose comment lines
//
//	# want "rule-id" ["other-id" ...]
//
// announce findings that must start inside the next instruction. Every
// finding of the folder's rule must be announced, and every announcement
// must be found. A `# context: path path ...` line lists the files that exist
// in the build context (for rules that look at it); without one the context
// is unknown.
var (
	wantLine    = regexp.MustCompile(`^\s*#\s*want\s+(.*)$`)
	wantID      = regexp.MustCompile(`"([^"]+)"`)
	contextLine = regexp.MustCompile(`^\s*#\s*context:\s*(.*)$`)
)

type want struct {
	line  int // 0-based line of the comment
	id    string
	found bool
}

func TestRuleFixtures(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "rules", "*"))
	if len(dirs) == 0 {
		t.Fatal("no rule fixtures found under testdata/rules")
	}
	for _, dir := range dirs {
		id := filepath.Base(dir)
		files, _ := filepath.Glob(filepath.Join(dir, "*.Dockerfile"))
		for _, file := range files {
			t.Run(id+"/"+filepath.Base(file), func(t *testing.T) {
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				checkFixture(t, id, string(data))
			})
		}
	}
}

func checkFixture(t *testing.T, id, text string) {
	t.Helper()
	f := analysis.Parse(text)
	var wants []*want
	var ws analysis.Workspace
	for line := 0; line < f.Lines.Count(); line++ {
		lt := f.LineText(line)
		if m := wantLine.FindStringSubmatch(lt); m != nil {
			for _, w := range wantID.FindAllStringSubmatch(m[1], -1) {
				wants = append(wants, &want{line: line, id: w[1]})
			}
		}
		if m := contextLine.FindStringSubmatch(lt); m != nil {
			mw := analysis.MapWorkspace{}
			for _, p := range strings.Fields(m[1]) {
				mw[p] = true
			}
			ws = mw
		}
	}
	// Each want belongs to the first instruction after its comment.
	next := func(line int) *analysis.Instruction {
		for _, in := range f.Instructions {
			if int(in.Range.Start.Line) > line {
				return in
			}
		}
		return nil
	}
	// The folder's rule runs even when it is off by default.
	on := &analysis.Config{Rules: map[string]analysis.RuleConfig{id: {On: true}}}
	for _, fd := range analysis.AnalyzeWith(f, all, analysis.Options{Config: on, Workspace: ws, StrictScope: true}) {
		matched := false
		for _, w := range wants {
			in := next(w.line)
			if !w.found && w.id == fd.Code && in != nil && in.Range.Contains(int(fd.Range.Start.Offset)) {
				w.found, matched = true, true
				break
			}
		}
		if !matched && fd.Code == id {
			t.Errorf("unexpected %s at %d:%d: %s", fd.Code, int(fd.Range.Start.Line)+1, int(fd.Range.Start.Col)+1, fd.Message)
		}
	}
	for _, w := range wants {
		if !w.found {
			t.Errorf("line %d: want %q, not reported", w.line+1, w.id)
		}
	}
}

// TestEveryRuleIsDocumentedAndHasFixtures holds the catalogue to its
// promise: a doc, a positive and a negative fixture for every layerwise rule.
func TestEveryRuleIsDocumentedAndHasFixtures(t *testing.T) {
	var missing []string
	for _, r := range all {
		if r.Summary == "" || r.Doc == "" || r.URL == "" && r.Source == analysis.SourceBuildKit {
			t.Errorf("%s: summary, doc or URL missing", r.ID)
		}
		if r.Source != analysis.SourceLayerwise {
			continue
		}
		files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "rules", r.ID, "*.Dockerfile"))
		positive, negative := false, false
		for _, file := range files {
			data, _ := os.ReadFile(file)
			if strings.Contains(string(data), `# want "`+r.ID+`"`) {
				positive = true
			} else {
				negative = true
			}
		}
		if !positive || !negative {
			missing = append(missing, r.ID)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("rules without both a positive and a negative fixture file: %v", missing)
	}
}
