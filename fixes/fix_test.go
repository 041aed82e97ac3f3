package fixes

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

var update = flag.Bool("update", false, "rewrite the .after.Dockerfile goldens")

// fixRule applies, round by round, the preferred fix of the first finding of
// rule id until none is left, the way a user pressing the quick fix would.
func fixRule(t *testing.T, text, id string) string {
	t.Helper()
	for round := 0; round < 20; round++ {
		f := analysis.Parse(text)
		applied := false
		for _, fd := range analysis.AnalyzeWith(f, rules.All(), analysis.Options{StrictScope: true}) {
			if fd.Code != id {
				continue
			}
			fx := preferred(For(f, fd))
			if fx == nil {
				continue
			}
			next, err := Apply(text, fx.Edits)
			if err != nil {
				t.Fatalf("%s: %v", fx.Title, err)
			}
			text, applied = next, true
			break
		}
		if !applied {
			return text
		}
	}
	t.Fatalf("fixing %s did not converge", id)
	return text
}

func preferred(fs []Fix) *Fix {
	for i := range fs {
		if fs[i].Preferred {
			return &fs[i]
		}
	}
	if len(fs) > 0 {
		return &fs[0]
	}
	return nil
}

// TestGoldens checks testdata/fixes/<rule-id>/*.before.Dockerfile against
// the matching .after.Dockerfile.
func TestGoldens(t *testing.T) {
	befores, _ := filepath.Glob(filepath.Join("..", "testdata", "fixes", "*", "*.before.Dockerfile"))
	if len(befores) == 0 {
		t.Fatal("no golden files found")
	}
	for _, before := range befores {
		id := filepath.Base(filepath.Dir(before))
		t.Run(id+"/"+filepath.Base(before), func(t *testing.T) {
			in, err := os.ReadFile(before)
			if err != nil {
				t.Fatal(err)
			}
			got := fixRule(t, string(in), id)
			afterPath := strings.TrimSuffix(before, ".before.Dockerfile") + ".after.Dockerfile"
			if *update {
				os.WriteFile(afterPath, []byte(got), 0o644)
			}
			want, err := os.ReadFile(afterPath)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("fixed text differs from %s:\n--- got\n%s\n--- want\n%s", afterPath, got, want)
			}
		})
	}
}

// TestEveryFixKeepsItsPromises applies every fix offered on every fixture in
// testdata and checks what DESIGN.md promises of a fix: the text still
// parses (no new syntax error), the finding it fixes is gone, applying the
// fixes again changes nothing, and nothing before the first edited line or
// after the last one changes.
func TestEveryFixKeepsItsPromises(t *testing.T) {
	var files []string
	for _, pattern := range []string{"rules/*/*.Dockerfile", "fixes/*/*.before.Dockerfile"} {
		m, _ := filepath.Glob(filepath.Join("..", "testdata", pattern))
		files = append(files, m...)
	}
	checked := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		f := analysis.Parse(text)
		for _, fd := range analysis.AnalyzeWith(f, rules.All(), analysis.Options{StrictScope: true}) {
			for _, fx := range For(f, fd) {
				checked++
				name := filepath.Base(file) + ": " + fd.Code + ": " + fx.Title
				fixed, err := Apply(text, fx.Edits)
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				if len(fx.Edits) == 0 && len(fx.Create) == 0 {
					t.Errorf("%s: a fix with nothing to do", name)
				}
				checkPromises(t, name, text, fixed, fd, fx)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no fix was exercised")
	}
}

func checkPromises(t *testing.T, name, before, after string, fd analysis.Finding, fx Fix) {
	t.Helper()
	fb, fa := analysis.Parse(before), analysis.Parse(after)
	if len(fa.Errors) > len(fb.Errors) {
		t.Errorf("%s: the fixed text no longer parses: %v\n%s", name, fa.Errors, after)
		return
	}
	if fx.Kind == QuickFix && len(fx.Create) == 0 {
		for _, later := range analysis.AnalyzeWith(fa, rules.All(), analysis.Options{StrictScope: true}) {
			if later.Code == fd.Code && later.Message == fd.Message && int(later.Range.Start.Line) == int(fd.Range.Start.Line) {
				t.Errorf("%s: the finding is still reported after the fix:\n%s", name, after)
			}
		}
	}
	// Idempotent: the same fix, offered again for the same finding on the
	// fixed text, does not exist or changes nothing.
	for _, again := range analysis.AnalyzeWith(fa, rules.All(), analysis.Options{StrictScope: true}) {
		if again.Code != fd.Code || int(again.Range.Start.Line) != int(fd.Range.Start.Line) || again.Message != fd.Message {
			continue
		}
		for _, fx2 := range For(fa, again) {
			if fx2.Title != fx.Title {
				continue
			}
			if twice, err := Apply(after, fx2.Edits); err == nil && twice != after && fx.Kind == QuickFix {
				t.Errorf("%s: applying the fix twice changes the text again", name)
			}
		}
	}
	// Only the touched lines change.
	edit, ok := Diff(before, after)
	if !ok {
		return
	}
	lo, hi := len(before), 0
	for _, e := range fx.Edits {
		lo, hi = min(lo, e.Start), max(hi, e.End)
	}
	// A deletion followed by text that starts the same way (deleting
	// "COPY a\n" before "COPY b") has several minimal diffs; only one of
	// them needs to lie within the edits.
	if (edit.Start < lo || edit.End > hi) && !(before[:lo] == after[:lo] && before[hi:] == after[len(after)-(len(before)-hi):]) {
		t.Errorf("%s: the change [%d,%d) reaches outside the edits [%d,%d)", name, edit.Start, edit.End, lo, hi)
	}
}

func TestApplyRejectsOverlaps(t *testing.T) {
	if _, err := Apply("abcdef", []Edit{{Start: 1, End: 3, NewText: "x"}, {Start: 2, End: 4, NewText: "y"}}); err == nil {
		t.Error("overlapping edits were applied")
	}
	got, err := Apply("abcdef", []Edit{{Start: 4, End: 5, NewText: "E"}, {Start: 0, End: 1, NewText: "A"}})
	if err != nil || got != "AbcdEf" {
		t.Errorf("Apply = %q, %v", got, err)
	}
	if e, ok := Diff("FROM a\nRUN x\n", "FROM a\nRUN yz\n"); !ok || e.Start != 11 || e.End != 12 || e.NewText != "yz" {
		t.Errorf("Diff = %+v", e)
	}
}

// everyRule is fix-all's analysis with every rule and the defaults.
var everyRule = Analyzer{Rules: rules.All(), Options: analysis.Options{StrictScope: true}}

// TestEveryFixerNamesARule: a fixer keyed by a mistyped ID would never run.
func TestEveryFixerNamesARule(t *testing.T) {
	for _, id := range Fixable() {
		if _, ok := rules.Lookup(id); !ok {
			t.Errorf("the fixer of %q names no rule", id)
		}
	}
	if len(Fixable()) < 20 {
		t.Errorf("only %d fixers", len(Fixable()))
	}
}

// Diff (for the tests' promise checks) reduces the change from before to after to one edit: the common
// prefix and suffix are left alone.
func Diff(before, after string) (Edit, bool) {
	if before == after {
		return Edit{}, false
	}
	p := 0
	for p < len(before) && p < len(after) && before[p] == after[p] {
		p++
	}
	s := 0
	for s < len(before)-p && s < len(after)-p && before[len(before)-1-s] == after[len(after)-1-s] {
		s++
	}
	return Edit{Start: p, End: len(before) - s, NewText: after[p : len(after)-s]}, true
}

// TestDiffsEditEachRegion: fix-all's edit is one edit per changed region,
// with the text between them left alone, and it respects UTF-8.
func TestDiffsEditEachRegion(t *testing.T) {
	before := "FROM a\nMAINTAINER é\n# 日本\nRUN apk add x\n"
	after := "FROM a\nLABEL m=\"é\"\n# 日本\nRUN apk add --no-cache x\n"
	edits := Diffs(before, after)
	if len(edits) < 2 {
		t.Fatalf("%d edits for two regions: %+v", len(edits), edits)
	}
	for _, e := range edits {
		if e.Start < len("FROM a\nMAINTAINER é\n# 日本\n") && e.End > len("FROM a\nMAINTAINER é\n") {
			t.Errorf("an edit touches the comment between the fixes: %+v", e)
		}
		if !utf8.ValidString(before[e.Start:e.End]) || !utf8.ValidString(e.NewText) {
			t.Errorf("an edit splits a character: %+v", e)
		}
	}
	if got, err := Apply(before, edits); err != nil || got != after {
		t.Errorf("Apply(Diffs) = %q, %v", got, err)
	}
	if Diffs(before, before) != nil {
		t.Error("edits for no change")
	}
}
