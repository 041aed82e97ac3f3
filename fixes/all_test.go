package fixes

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// TestFixAllResolvesOverlappingFixes applies every safe fix of a file with
// several findings on the same instructions in one call and checks the result
// is what fixing them one by one gives.
func TestFixAllResolvesOverlappingFixes(t *testing.T) {
	// The RUNs to merge are in the final stage: consecutive-run checks only
	// stages that ship.
	before := "FROM golang:1.22 as Build\nMAINTAINER me\nRUN go build -o /app .\nfrom alpine:3.19 as final\nCOPY --from=Build /app /app\nRUN apk add --no-cache curl\nrun apk add --no-cache jq\nENV A b\nCMD /app --serve\n"
	want := "FROM golang:1.22 AS build\nLABEL org.opencontainers.image.authors=\"me\"\nRUN go build -o /app .\nFROM alpine:3.19 AS final\nCOPY --from=build /app /app\nRUN apk add --no-cache curl \\\n    && apk add --no-cache jq\nENV A=b\nCMD [\"/app\", \"--serve\"]\n"
	got := All(before, everyRule)
	if got != want {
		t.Errorf("fix-all gave:\n%s\nwant:\n%s", got, want)
	}
	if again := All(got, everyRule); again != got {
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

// TestFixAllThroughTheCache: fix-all that parses each round through the
// document's cache, starting from the document's own analysis, fixes what
// it fixes from scratch; the document's next analysis through that cache
// is still a fresh one's; and HasSafeFix says whether it changes anything.
func TestFixAllThroughTheCache(t *testing.T) {
	var files []string
	for _, pattern := range []string{"rules/*/*.Dockerfile", "fixes/*/*.before.Dockerfile"} {
		m, _ := filepath.Glob(filepath.Join("..", "testdata", pattern))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	changed := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		warm := everyRule
		warm.Cache = analysis.NewCache()
		f, findings := warm.Analyze(text)
		got := AllFrom(f, findings, warm)
		if want := All(text, everyRule); got != want {
			t.Errorf("%s: fix-all through the cache gave\n%s\nfrom scratch\n%s", file, got, want)
		}
		if has := HasSafeFix(f, findings); has != (got != text) {
			t.Errorf("%s: HasSafeFix = %v, but fix-all changed the text: %v", file, has, got != text)
		}
		if got != text {
			changed++
		}
		_, again := warm.Analyze(text)
		if describe(again) != describe(analysis.AnalyzeWith(analysis.Parse(text), everyRule.Rules, everyRule.Options)) {
			t.Errorf("%s: after fix-all, the document's analysis through its cache differs from a fresh one", file)
		}
	}
	if changed == 0 {
		t.Fatal("fix-all changed no fixture")
	}
}

// describe is what a test compares of findings.
func describe(fs []analysis.Finding) string {
	var b strings.Builder
	for _, fd := range fs {
		fmt.Fprintf(&b, "%s %d:%d-%d:%d %s %+v\n", fd.Code, fd.Range.Start.Line, fd.Range.Start.Col, fd.Range.End.Line, fd.Range.End.Col, fd.Message, fd.Data)
	}
	return b.String()
}
