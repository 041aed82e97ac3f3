package analysis_test

import (
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
	"github.com/layerwise/layerwise/internal/benchgen"
	"github.com/layerwise/layerwise/internal/corpus"
)

// TestStageRulesSeeTheWorkspaceChange: a stage rule's findings are reused
// only while the build context answers as before.
func TestStageRulesSeeTheWorkspaceChange(t *testing.T) {
	text := "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
	cache := analysis.NewCache()
	analyze := func(ws analysis.MapWorkspace) string {
		return analysis.DescribeFindings(analysis.AnalyzeWith(analysis.ParseWith(text, cache), allRulesList, analysis.Options{Workspace: ws}))
	}
	without := analyze(analysis.MapWorkspace{})
	with := analyze(analysis.MapWorkspace{"package.json": true, "yarn.lock": true})
	if with == without {
		t.Fatalf("the finding did not change with the build context:\n%s", with)
	}
	if want := analysis.DescribeFindings(analysis.AnalyzeWith(analysis.ParseWith(text, nil), allRulesList, analysis.Options{Workspace: analysis.MapWorkspace{"package.json": true, "yarn.lock": true}})); with != want {
		t.Fatalf("reused findings differ from fresh ones:\n--- reused\n%s--- fresh\n%s", with, want)
	}
}

// TestStageRulesSeeTheBuildContextAppear: a rule that ran with no build
// context asked it nothing, so no recorded answer can say its result is
// stale once one is known; the memo holds whether there was one.
func TestStageRulesSeeTheBuildContextAppear(t *testing.T) {
	text := "FROM node:22\nWORKDIR /app\nCOPY app ./\nRUN npm ci\n"
	ws := analysis.MapWorkspace{"app": true} // a file, not a folder of the app
	cache := analysis.NewCache()
	for i, w := range []analysis.Workspace{nil, ws, nil} {
		got := analysis.DescribeFindings(analysis.AnalyzeWith(analysis.ParseWith(text, cache), allRulesList, analysis.Options{Workspace: w}))
		want := analysis.DescribeFindings(analysis.AnalyzeWith(analysis.ParseWith(text, nil), allRulesList, analysis.Options{Workspace: w}))
		if got != want {
			t.Errorf("analysis %d (workspace %v): reused findings differ from fresh ones:\n--- reused\n%s--- fresh\n%s", i, w != nil, got, want)
		}
	}
}

// TestACancelledAnalysisKeepsTheMemo: an analysis stopped before it
// reached every stage does not drop what the stages it skipped had.
func TestACancelledAnalysisKeepsTheMemo(t *testing.T) {
	// The real rules, each counting the stages it is run on.
	runs := 0
	var counted []*analysis.Rule
	for _, r := range allRulesList {
		c := *r
		if c.Scope.PerStage() {
			run := r.Run
			c.Run = func(p *analysis.Pass) { runs++; run(p) }
		}
		counted = append(counted, &c)
	}
	text := benchgen.Dockerfile(300)
	cache := analysis.NewCache()
	analyze := func(opts analysis.Options) int {
		runs = 0
		analysis.AnalyzeWith(analysis.ParseWith(text, cache), counted, opts)
		return runs
	}
	cold := analyze(analysis.Options{})
	warm := analyze(analysis.Options{})
	done := make(chan struct{})
	close(done)
	analyze(analysis.Options{Done: done})
	if after := analyze(analysis.Options{}); after != warm || warm >= cold {
		t.Errorf("stage rule runs: cold %d, warm %d, after a cancelled analysis %d", cold, warm, after)
	}
}

// TestStageRulesSeeTheConfigChange: a new configuration is a new analysis.
func TestStageRulesSeeTheConfigChange(t *testing.T) {
	text := "FROM alpine AS a\nRUN a\nRUN b\nFROM alpine\nRUN c\nRUN d\n"
	cache := analysis.NewCache()
	all := analysis.AnalyzeWith(analysis.ParseWith(text, cache), allRulesList, analysis.Options{})
	targeted := analysis.AnalyzeWith(analysis.ParseWith(text, cache), allRulesList, analysis.Options{Config: &analysis.Config{Targets: []string{"a"}}})
	fresh := analysis.AnalyzeWith(analysis.ParseWith(text, nil), allRulesList, analysis.Options{Config: &analysis.Config{Targets: []string{"a"}}})
	if got, want := analysis.DescribeFindings(targeted), analysis.DescribeFindings(fresh); got != want {
		t.Fatalf("after a config change:\n--- reused\n%s--- fresh\n%s", got, want)
	}
	_ = all
	// A base image trusted from now on is no longer reported.
	text = "FROM python:3.12\nRUN pip install --no-cache-dir x\n"
	analysis.AnalyzeWith(analysis.ParseWith(text, cache), allRulesList, analysis.Options{})
	trusted := &analysis.Config{TrustedBaseImages: []string{"python:*"}}
	got := analysis.DescribeFindings(analysis.AnalyzeWith(analysis.ParseWith(text, cache), allRulesList, analysis.Options{Config: trusted}))
	if want := analysis.DescribeFindings(analysis.AnalyzeWith(analysis.ParseWith(text, nil), allRulesList, analysis.Options{Config: trusted})); got != want {
		t.Fatalf("after trusting the base image:\n--- reused\n%s--- fresh\n%s", got, want)
	}
}

// TestStageRulesReuseFindings: after an edit in one stage, the findings of
// the others come from the memo, moved to where the stages now are.
func TestStageRulesReuseFindings(t *testing.T) {
	text := benchgen.Dockerfile(300)
	cache := analysis.NewCache()
	at := strings.Index(text, "RUN npm run build")
	edited := text[:at] + "RUN npm run build:longer" + text[at+len("RUN npm run build"):]
	calls := 0
	// The same rules, with consecutive-run counting its runs.
	rules := append([]*analysis.Rule(nil), allRulesList...)
	for i, r := range rules {
		if r.ID == "consecutive-run" {
			counted := *r
			counted.Run = func(p *analysis.Pass) { calls++; r.Run(p) }
			rules[i] = &counted
		}
	}
	analysis.AnalyzeWith(analysis.ParseWith(text, cache), rules, analysis.Options{StrictScope: true})
	calls = 0
	got := analysis.DescribeFindings(analysis.AnalyzeWith(analysis.ParseWith(edited, cache), rules, analysis.Options{StrictScope: true}))
	if calls != 1 {
		t.Errorf("the rule ran on %d stages after an edit in one", calls)
	}
	if want := analysis.DescribeFindings(analyzeAll(analysis.ParseWith(edited, nil))); got != want {
		t.Fatalf("reused findings differ from fresh ones:\n--- reused\n%s--- fresh\n%s", got, want)
	}
}

// TestStageRulesCiteTheLinesTheyAreAt: findings whose messages cite line
// numbers are made again when their stage moves to other lines; the others
// are moved.
func TestStageRulesCiteTheLinesTheyAreAt(t *testing.T) {
	text := "FROM alpine AS first\nRUN true\n" +
		"FROM debian\n" +
		"COPY app.tar.gz /tmp/app.tar.gz\n" +
		"RUN tar -xzf /tmp/app.tar.gz -C /opt\n" +
		"RUN rm /tmp/app.tar.gz\n" +
		"COPY run /run\n" +
		"RUN chmod +x /run\n" +
		"RUN apt-get update && apt-get install -y curl\n" +
		"RUN rm -rf /var/lib/apt/lists/*\n" +
		"RUN apt-get install -y a\nRUN apt-get install -y b\nRUN apt-get install -y c\n"
	cache := analysis.NewCache()
	before := analyzeAll(analysis.ParseWith(text, cache))
	// Two more lines before the second stage, which does not change.
	moved := "# a new line\n" + strings.Replace(text, "RUN true\n", "RUN true \\\n && echo more\n", 1)
	got := analysis.DescribeFindings(analyzeAll(analysis.ParseWith(moved, cache)))
	if want := analysis.DescribeFindings(analyzeAll(analysis.ParseWith(moved, nil))); got != want {
		t.Fatalf("after the stage moved two lines down:\n--- reused\n%s--- fresh\n%s", got, want)
	}
	cites := map[string]bool{}
	for _, fd := range before {
		if strings.Contains(fd.Message, "line") {
			cites[fd.Code] = true
		}
	}
	for _, id := range []string{"file-removed-in-later-layer", "copy-then-chmod", "cleanup-in-separate-layer", "consecutive-run"} {
		if !cites[id] {
			t.Errorf("%s cites no line here; the test needs it to", id)
		}
	}
}

// TestWarmAnalysisMatchesCold edits files through one cache, so that chunk
// parses, scripts and BuildKit's per-stage results are reused, and holds
// every analysis to one made from scratch.
func TestWarmAnalysisMatchesCold(t *testing.T) {
	edits := []func(string) string{
		// Another escape, in place: the stages' text stays the same but
		// says other things.
		func(s string) string { return strings.Replace(s, "# escape=`", "# escape=\\", 1) },
		func(s string) string { return "# top\n" + s },
		func(s string) string { return strings.Replace(s, "FROM ", "FROM  ", 1) },
		func(s string) string { return strings.Replace(s, "\n", "\n\n", 7) },
		func(s string) string { return s[:len(s)/2] + "\nENV FOO=1\nRUN echo $FOO $BAR\n" + s[len(s)/2:] },
		func(s string) string { return strings.Replace(s, " AS ", " as ", 2) },
		// An instruction in place of a comment: the stages after it keep
		// their lines but their instructions' indexes move.
		func(s string) string { return strings.Replace(s, "# ---- Python worker 0 ----\n", "ENV X=1\n", 1) },
		func(s string) string { return "ARG BAR=1\n" + s },
		func(s string) string { return s + "FROM build0 AS Last\nWORKDIR rel\nCMD echo\nCMD echo\n" },
		func(s string) string { return strings.Replace(s, "build0", "py0", -1) },
		func(s string) string { return strings.Replace(s, "# check=skip=all\n", "", 1) },
		func(s string) string { return s + "FROM ${REG}alpine AS regstage\nRUN echo\n" },
		func(s string) string { return "ARG REG=quay.io/\n" + s },
		func(s string) string { return s + "FROM alpine AS par\nRUN true\nFROM par AS kid\nRUN echo $PARVAR\n" },
		func(s string) string { return strings.Replace(s, "RUN true\nFROM par", "ENV PARVAR=1\nFROM par", 1) },
		// A child stage that starts reading the package lists changes
		// what is reported about its parent.
		func(s string) string {
			return s + "FROM debian AS aptbase\nRUN apt-get update\nFROM aptbase AS aptkid\nRUN echo kid\nFROM aptkid\n"
		},
		func(s string) string { return strings.Replace(s, "RUN echo kid\n", "RUN apt-get install -y curl\n", 1) },
		func(s string) string {
			return s + "FROM debian AS lists\nRUN apt-get update && apt-get install -y git\nFROM lists\nRUN echo last\n"
		},
		func(s string) string {
			return strings.Replace(s, "RUN echo last\n", "RUN apt-get install -y make\n", 1)
		},
	}
	for name, base := range analysis.Corpus(t) {
		cache := analysis.NewCache()
		analyzeAll(analysis.ParseWith(base, cache))
		text := base
		for i, edit := range edits {
			text = edit(text)
			got := analysis.DescribeFindings(analyzeAll(analysis.ParseWith(text, cache)))
			want := analysis.DescribeFindings(analyzeAll(analysis.ParseWith(text, nil)))
			if got != want {
				t.Fatalf("%s, edit %d: warm analysis differs from a cold one:\n--- warm\n%s\n--- cold\n%s", name, i, got, want)
			}
		}
	}
}

// FuzzParse feeds arbitrary text to the parser and every rule: nothing may
// panic, every range must lie inside the text, and the incremental (chunked,
// cached) parse must agree with BuildKit's whole-file reading, and the
// analysis through the cache with one made from scratch.
func FuzzParse(f *testing.F) {
	for _, src := range corpus.Odd {
		f.Add(src)
	}
	for _, src := range analysis.Corpus(f) {
		if len(src) < 4096 {
			f.Add(src)
		}
	}
	cache := analysis.NewCache()
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 8192 {
			return
		}
		file := analysis.ParseWith(src, cache)
		findings := analyzeAll(file)
		for _, fd := range findings {
			r := fd.Range
			if int(r.Start.Offset) < 0 || int(r.End.Offset) > len(src) || int(r.End.Offset) < int(r.Start.Offset) {
				t.Fatalf("%s: range %+v outside the text (%d bytes)", fd.Code, r, len(src))
			}
		}
		if got, want := analysis.DescribeFindings(findings), analysis.DescribeFindings(analyzeAll(analysis.ParseWith(src, nil))); got != want {
			t.Fatalf("analysis through the cache differs from one without:\n--- cached\n%s\n--- fresh\n%s", got, want)
		}
		got, want := analysis.Describe(file), analysis.Describe(analysis.ParseWhole(src))
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
		analyzeAll(analysis.ParseWith(src, analysis.NewCache()))
	}
}

// FuzzEdit parses a file through a cache, edits it in one place (as an
// editor's didChange does) and parses it again: chunks, instructions,
// stages and findings reused from the first parse must make the same model
// and the same findings as parsing the edited text from scratch.
func FuzzEdit(f *testing.F) {
	i := 0
	for _, src := range analysis.Corpus(f) {
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
		cache := analysis.NewCache()
		analyzeAll(analysis.ParseWith(src, cache))
		warm := analysis.ParseWith(edited, cache)
		cold := analysis.ParseWith(edited, nil)
		if got, want := analysis.Describe(warm), analysis.Describe(cold); got != want {
			t.Fatalf("edited parse through the cache differs from a fresh one:\n--- cached\n%s\n--- fresh\n%s", got, want)
		}
		if got, want := analysis.DescribeFindings(analyzeAll(warm)), analysis.DescribeFindings(analyzeAll(cold)); got != want {
			t.Fatalf("edited analysis through the cache differs from a fresh one:\n--- cached\n%s\n--- fresh\n%s", got, want)
		}
	})
}

// analyzeAll runs every rule over f with the default configuration,
// failing on a stage rule that reports outside its stage.
func analyzeAll(f *analysis.File) []analysis.Finding {
	return analysis.AnalyzeWith(f, allRulesList, analysis.Options{StrictScope: true})
}

var allRulesList = rules.All()

// TestIndexedCreationsAnswerAsTheScan: a long stage's creations are
// indexed by path, a short one's scanned; the rules that look back must
// say the same either way. Every file of the corpus, and a long one-stage
// file, is analysed with every stage indexed and with none.
func TestIndexedCreationsAnswerAsTheScan(t *testing.T) {
	files := analysis.Corpus(t)
	files["one-stage"] = benchgen.SingleStage(3000)
	// Every kind of creation and removal the index tells apart: a tree
	// copy (read with a build context), a glob destination, a folder with
	// paths below it, a glob removal, an exact chmod target.
	files["kinds"] = "FROM debian:bookworm-slim\nCOPY . /app\nCOPY *.whl /tmp/wheels/\nCOPY config.yaml /etc/app/config.yaml\n" +
		"RUN mkdir -p /opt/x/y && touch /opt/x/y/z\nRUN rm -rf /app/node_modules\nRUN rm /tmp/wheels/a.whl\n" +
		"RUN rm -rf /opt/x\nRUN rm /etc/app/*.yaml\nRUN chmod 600 /etc/app/config.yaml\nRUN chown -R app /app\nCMD [\"x\"]\n"
	defer analysis.SetIndexedCreations(analysis.SetIndexedCreations(0))
	opts := analysis.Options{StrictScope: true, Workspace: everything{}}
	for name, text := range files {
		analysis.SetIndexedCreations(0)
		indexed := analysis.DescribeFindings(analysis.AnalyzeWith(analysis.Parse(text), allRulesList, opts))
		analysis.SetIndexedCreations(1 << 30)
		scanned := analysis.DescribeFindings(analysis.AnalyzeWith(analysis.Parse(text), allRulesList, opts))
		if indexed != scanned {
			t.Errorf("%s: indexed and scanned creations disagree:\n--- indexed\n%s--- scanned\n%s", name, indexed, scanned)
		}
		if name == "kinds" && strings.Count(scanned, "file-removed-in-later-layer") < 4 {
			t.Errorf("the kinds file lost its removals:\n%s", scanned)
		}
	}
}

// everything is a build context that holds every path asked about.
type everything struct{}

func (everything) Exists(string) bool { return true }
