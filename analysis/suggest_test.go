package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/agext/levenshtein"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// TestSuggestionsAreStable: the same text gives the same "did you mean",
// however BuildKit's map happens to be ordered. ADG is as close to ADD as
// to ARG; the alphabetical first wins.
func TestSuggestionsAreStable(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"FROM a\nADG x\n", "unknown instruction: ADG (did you mean ADD?)"},
		{"FROM a\nadg x\n", "unknown instruction: adg (did you mean add?)"},
		{"FROM a\nCOPY --lnk a b\n", "(did you mean link?)"},
	} {
		seen := map[string]bool{}
		for range 30 {
			f := Parse(tc.text)
			if len(f.Errors) != 1 {
				t.Fatalf("%q: errors %v", tc.text, f.Errors)
			}
			seen[f.Errors[0].Message] = true
		}
		if len(seen) != 1 {
			t.Errorf("%q: %d different messages: %v", tc.text, len(seen), seen)
		}
		for msg := range seen {
			if !strings.Contains(msg, tc.want) {
				t.Errorf("%q: %q does not say %q", tc.text, msg, tc.want)
			}
		}
	}
}

// TestFlagProbeFindsBuildKitsFlags: the names stableSuggestion picks from
// are the ones BuildKit picks from. For a misspelling of each flag of
// flagProbe, BuildKit's own suggestion must be one of the instruction's
// flags as buildkitFlags found them, and as close as the stable one.
func TestFlagProbeFindsBuildKitsFlags(t *testing.T) {
	for _, name := range []string{"from", "run", "copy", "add", "healthcheck"} {
		flags := buildkitFlags(name)
		if len(flags) == 0 {
			t.Errorf("%s: no flags found", name)
		}
		for _, flag := range flagProbe {
			typo := flag[:len(flag)-1]
			text := name + " --" + typo + "=1 a b\n"
			if name == "healthcheck" {
				text = name + " --" + typo + "=1s CMD a\n"
			}
			res, err := parser.Parse(strings.NewReader(text))
			if err != nil {
				t.Fatal(err)
			}
			_, err = parseInstruction(res.AST.Children[0])
			if err == nil {
				continue // the typo is a flag itself
			}
			m := didYouMean.FindString(err.Error())
			if m == "" {
				continue
			}
			theirs := strings.TrimSuffix(strings.TrimPrefix(m, " (did you mean "), "?)")
			if !slices.Contains(flags, theirs) {
				t.Errorf("%s --%s: BuildKit suggests %q, which the probe did not find among %v", name, typo, theirs, flags)
			}
			ours := closest(typo, flags, true)
			if levenshtein.Distance(typo, ours, nil) != levenshtein.Distance(typo, theirs, nil) {
				t.Errorf("%s --%s: stable suggestion %q is not as close as BuildKit's %q", name, typo, ours, theirs)
			}
		}
	}
}
