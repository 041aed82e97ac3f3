package analysis

import (
	"strings"
	"testing"

	"github.com/layerwise/layerwise/internal/benchgen"
)

// TestStageRulesSeeTheWorkspaceChange: a stage rule's findings are reused
// only while the build context answers as before.
func TestStageRulesSeeTheWorkspaceChange(t *testing.T) {
	text := "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
	cache := NewCache()
	analyze := func(ws MapWorkspace) string {
		return describeFindings(AnalyzeWith(ParseWith(text, cache), allRules, Options{Workspace: ws}))
	}
	without := analyze(MapWorkspace{})
	with := analyze(MapWorkspace{"package.json": true, "yarn.lock": true})
	if with == without {
		t.Fatalf("the finding did not change with the build context:\n%s", with)
	}
	if want := describeFindings(AnalyzeWith(ParseWith(text, nil), allRules, Options{Workspace: MapWorkspace{"package.json": true, "yarn.lock": true}})); with != want {
		t.Fatalf("reused findings differ from fresh ones:\n--- reused\n%s--- fresh\n%s", with, want)
	}
}

// TestStageRulesSeeTheConfigChange: a new configuration is a new analysis.
func TestStageRulesSeeTheConfigChange(t *testing.T) {
	text := "FROM alpine AS a\nRUN a\nRUN b\nFROM alpine\nRUN c\nRUN d\n"
	cache := NewCache()
	all := AnalyzeWith(ParseWith(text, cache), allRules, Options{})
	targeted := AnalyzeWith(ParseWith(text, cache), allRules, Options{Config: &Config{Targets: []string{"a"}}})
	fresh := AnalyzeWith(ParseWith(text, nil), allRules, Options{Config: &Config{Targets: []string{"a"}}})
	if got, want := describeFindings(targeted), describeFindings(fresh); got != want {
		t.Fatalf("after a config change:\n--- reused\n%s--- fresh\n%s", got, want)
	}
	_ = all
	// A base image trusted from now on is no longer reported.
	text = "FROM python:3.12\nRUN pip install --no-cache-dir x\n"
	AnalyzeWith(ParseWith(text, cache), allRules, Options{})
	trusted := &Config{TrustedBaseImages: []string{"python:*"}}
	got := describeFindings(AnalyzeWith(ParseWith(text, cache), allRules, Options{Config: trusted}))
	if want := describeFindings(AnalyzeWith(ParseWith(text, nil), allRules, Options{Config: trusted})); got != want {
		t.Fatalf("after trusting the base image:\n--- reused\n%s--- fresh\n%s", got, want)
	}
}

// TestStageRulesReuseFindings: after an edit in one stage, the findings of
// the others come from the memo, moved to where the stages now are.
func TestStageRulesReuseFindings(t *testing.T) {
	text := benchgen.Dockerfile(300)
	cache := NewCache()
	at := strings.Index(text, "RUN npm run build")
	edited := text[:at] + "RUN npm run build:longer" + text[at+len("RUN npm run build"):]
	calls := 0
	// The same rules, with consecutive-run counting its runs.
	rules := append([]*Rule(nil), allRules...)
	for i, r := range rules {
		if r.ID == "consecutive-run" {
			counted := *r
			counted.Run = func(p *Pass) { calls++; r.Run(p) }
			rules[i] = &counted
		}
	}
	AnalyzeWith(ParseWith(text, cache), rules, Options{StrictScope: true})
	calls = 0
	got := describeFindings(AnalyzeWith(ParseWith(edited, cache), rules, Options{StrictScope: true}))
	if calls != 1 {
		t.Errorf("the rule ran on %d stages after an edit in one", calls)
	}
	if want := describeFindings(Analyze(ParseWith(edited, nil))); got != want {
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
		"COPY run.sh /run.sh\n" +
		"RUN chmod +x /run.sh\n" +
		"RUN apt-get update && apt-get install -y curl\n" +
		"RUN rm -rf /var/lib/apt/lists/*\n" +
		"RUN a\nRUN b\nRUN c\n"
	cache := NewCache()
	before := Analyze(ParseWith(text, cache))
	// Two more lines before the second stage, which does not change.
	moved := "# a new line\n" + strings.Replace(text, "RUN true\n", "RUN true \\\n && echo more\n", 1)
	got := describeFindings(Analyze(ParseWith(moved, cache)))
	if want := describeFindings(Analyze(ParseWith(moved, nil))); got != want {
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
