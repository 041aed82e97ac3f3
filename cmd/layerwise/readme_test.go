package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
)

// TestReadmeListsEveryRule keeps the README's table in step with the rule
// list, severities and fixes included: regenerate it with
// `layerwise rules --markdown`.
func TestReadmeListsEveryRule(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if code := runRules([]string{"--markdown"}, &table, io.Discard); code != 0 {
		t.Fatalf("rules --markdown exited %d", code)
	}
	if !strings.Contains(string(readme), table.String()) {
		t.Errorf("README.md's rule table is not the output of `layerwise rules --markdown`; paste it:\n%s", table.String())
	}
}
