package analysis

import (
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary text to the parser and every rule: nothing may
// panic, every range must lie inside the text, and the incremental (chunked,
// cached) parse must agree with BuildKit's whole-file reading, and the
// analysis through the cache with one made from scratch.
func FuzzParse(f *testing.F) {
	for _, src := range totalSeeds {
		f.Add(src)
	}
	for _, src := range corpus(f) {
		if len(src) < 4096 {
			f.Add(src)
		}
	}
	cache := NewCache()
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 8192 {
			return
		}
		file := ParseWith(src, cache)
		findings := Analyze(file)
		for _, fd := range findings {
			r := fd.Range
			if r.Start.Offset < 0 || r.End.Offset > len(src) || r.End.Offset < r.Start.Offset {
				t.Fatalf("%s: range %+v outside the text (%d bytes)", fd.Code, r, len(src))
			}
		}
		if got, want := describeFindings(findings), describeFindings(Analyze(ParseWith(src, nil))); got != want {
			t.Fatalf("analysis through the cache differs from one without:\n--- cached\n%s\n--- fresh\n%s", got, want)
		}
		got, want := describe(file), describe(parseWhole(src, NewLines(src)))
		if strings.Contains(want, "parser directive can be used") || strings.Contains(want, "invalid escape token") {
			// BuildKit locates directive errors one line early and then
			// blanks the wrong line; layerwise reports the line at fault.
			return
		}
		if got != want {
			t.Fatalf("chunked parse differs from whole-file parse:\n--- chunked\n%s\n--- whole\n%s", got, want)
		}
	})
}

func TestFuzzSeedsOddInputs(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("RUN x\n", 3) + "\x00\x01\xff\xfe",
		"\uFEFFFROM a\nRUN a \\\n",
		"FROM a\nRUN <<A <<B\na\nA\nb\n",
		strings.Repeat("#", 10000),
	} {
		Analyze(ParseWith(src, NewCache()))
	}
}
