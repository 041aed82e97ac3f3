package rules

import (
	"testing"

	"github.com/layerwise/layerwise/analysis"
)

// TestAll holds the list to what the driver, the docs and the config
// expect of it: every rule once, sorted by source then ID, each with a
// check function and a source.
func TestAll(t *testing.T) {
	rules := All()
	if len(rules) != len(buildkit)+len(layerwise) {
		t.Fatalf("All has %d rules, want %d", len(rules), len(buildkit)+len(layerwise))
	}
	seen := map[string]bool{}
	for i, r := range rules {
		if seen[r.ID] {
			t.Errorf("%s is listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Run == nil || (r.Source != analysis.SourceLayerwise && r.Source != analysis.SourceBuildKit) {
			t.Errorf("%s: no Run, or source %q", r.ID, r.Source)
		}
		if i > 0 {
			prev := rules[i-1]
			if prev.Source > r.Source || prev.Source == r.Source && prev.ID >= r.ID {
				t.Errorf("%s comes after %s", r.ID, prev.ID)
			}
		}
		if got, ok := Lookup(r.ID); !ok || got != r {
			t.Errorf("Lookup(%q) = %v, %v", r.ID, got, ok)
		}
	}
	if _, ok := Lookup("no-such-rule"); ok {
		t.Error("Lookup found a rule that does not exist")
	}
	rules[0] = nil
	if All()[0] == nil {
		t.Error("All returned the package's own slice")
	}
}
