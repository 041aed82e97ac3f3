package main

import (
	"os"
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis/rules"
)

// TestReadmeListsEveryRule keeps the README's table in step with the
// registry: regenerate it with `layerwise rules --markdown`.
func TestReadmeListsEveryRule(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules.All() {
		if !strings.Contains(string(readme), "`"+r.ID+"`") {
			t.Errorf("README.md does not list rule %s; paste `layerwise rules --markdown`", r.ID)
		}
	}
}
