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
			if int(r.Start.Offset) < 0 || int(r.End.Offset) > len(src) || int(r.End.Offset) < int(r.Start.Offset) {
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

// FuzzEdit parses a file through a cache, edits it in one place (as an
// editor's didChange does) and parses it again: chunks, instructions,
// stages and findings reused from the first parse must make the same model
// and the same findings as parsing the edited text from scratch.
func FuzzEdit(f *testing.F) {
	i := 0
	for _, src := range corpus(f) {
		if len(src) < 4096 {
			f.Add(src, uint16(len(src)/2), uint8(0), "RUN x\n")
			f.Add(src, uint16(len(src)/3), uint8(3), "\\\n")
			f.Add(src, uint16(i*7), uint8(1), "<<EOF\nEOF\n")
			i++
		}
	}
	f.Fuzz(func(t *testing.T, src string, at uint16, cut uint8, insert string) {
		if len(src) > 8192 || len(insert) > 256 {
			return
		}
		start := int(at) % (len(src) + 1)
		end := min(start+int(cut), len(src))
		edited := src[:start] + insert + src[end:]
		cache := NewCache()
		Analyze(ParseWith(src, cache))
		warm := ParseWith(edited, cache)
		cold := ParseWith(edited, nil)
		if got, want := describe(warm), describe(cold); got != want {
			t.Fatalf("edited parse through the cache differs from a fresh one:\n--- cached\n%s\n--- fresh\n%s", got, want)
		}
		if got, want := describeFindings(Analyze(warm)), describeFindings(Analyze(cold)); got != want {
			t.Fatalf("edited analysis through the cache differs from a fresh one:\n--- cached\n%s\n--- fresh\n%s", got, want)
		}
	})
}
