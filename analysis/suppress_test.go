package analysis

import (
	"fmt"
	"strings"
	"testing"
)

// testRule reports every RUN keyword; it exists only in these tests.
var testRule = &Rule{ID: "test-every-run", Source: SourceLayerwise, Severity: SeverityWarning, Summary: "t", Doc: "t", Aliases: []string{"DL9999"},
	Run: func(p *Pass) {
		for _, in := range p.File.Instructions {
			if in.Name == "run" {
				p.Report(Finding{Range: in.Keyword.Range, Message: "a RUN"})
			}
		}
	}}

// testRules is the rule list of these tests.
var testRules = []*Rule{testRule}

func lines(fs []Finding, code string) []int {
	var out []int
	for _, f := range fs {
		if f.Code == code {
			out = append(out, int(f.Range.Start.Line))
		}
	}
	return out
}

func TestPragmasSilenceFindings(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []int
	}{
		{"no pragma", "FROM a\nRUN x\nRUN y\n", []int{1, 2}},
		{"layerwise ignore before one instruction", "FROM a\n# layerwise ignore=test-every-run because\nRUN x\nRUN y\n", []int{3}},
		{"pragma higher in the comment block", "FROM a\n# layerwise ignore=other,test-every-run\n# another comment\nRUN x\nRUN y\n", []int{4}},
		{"blank line breaks the block", "FROM a\n# layerwise ignore=test-every-run\n\nRUN x\n", []int{3}},
		{"global", "FROM a\nRUN x\n# layerwise global ignore=test-every-run\nRUN y\n", nil},
		{"hadolint alias", "FROM a\n# hadolint ignore=DL9999\nRUN x\nRUN y\n", []int{3}},
		{"hadolint global alias", "# hadolint global ignore=DL3008,DL9999\nFROM a\nRUN x\n", nil},
		{"other rule", "FROM a\n# layerwise ignore=DL3008\nRUN x\n", []int{2}},
	} {
		got := lines(AnalyzeWith(Parse(tc.src), testRules, Options{}), testRule.ID)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: findings on lines %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestConfigTurnsRulesOffAndOverridesSeverity(t *testing.T) {
	src := "FROM a\nRUN x\n"
	cfg, err := ParseConfig([]byte("rules:\n  test-every-run: error\n"), ".layerwise.yaml", testRules)
	if err != nil {
		t.Fatal(err)
	}
	fs := AnalyzeWith(Parse(src), testRules, Options{Config: cfg})
	if len(fs) != 1 || fs[0].Severity != SeverityError {
		t.Errorf("severity override: %+v", fs)
	}
	cfg, _ = ParseConfig([]byte("rules:\n  test-every-run: off\n"), ".layerwise.yaml", testRules)
	if fs := AnalyzeWith(Parse(src), testRules, Options{Config: cfg}); len(lines(fs, testRule.ID)) != 0 {
		t.Errorf("rule off: %+v", fs)
	}
}

func TestMalformedConfigNamesPathAndLine(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"rules:\n  no-such-rule: off\n", "cfg.yaml:2: unknown rule \"no-such-rule\""},
		{"rules:\n  test-every-run: loud\n", "cfg.yaml:2: rule test-every-run: unknown setting \"loud\""},
		{"rulez: {}\n", "cfg.yaml:1:"},
		{"rules: [\n", "cfg.yaml:"},
	} {
		_, err := ParseConfig([]byte(tc.yaml), "cfg.yaml", testRules)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ParseConfig(%q) = %v, want prefix %q", tc.yaml, err, tc.want)
		}
	}
	if cfg, err := ParseConfig(nil, "empty.yaml", testRules); err != nil || cfg == nil {
		t.Errorf("empty config: %v", err)
	}
}

// TestDevImageSkipsSizeAndLayerRules: a development image's size is paid
// once, on a developer's machine; the other rules still apply.
func TestDevImageSkipsSizeAndLayerRules(t *testing.T) {
	size, layers, cache := *testRule, *testRule, *testRule
	size.ID, size.Category = "size-rule", CategorySize
	layers.ID, layers.Category = "layer-rule", CategoryLayers
	cache.ID, cache.Category = "cache-rule", CategoryCache
	rules := []*Rule{&size, &layers, &cache}
	f := Parse("FROM a\nRUN x\n")
	codes := func(opts Options) []string {
		var out []string
		for _, fd := range AnalyzeWith(f, rules, opts) {
			out = append(out, fd.Code)
		}
		return out
	}
	if got := fmt.Sprint(codes(Options{})); got != "[cache-rule layer-rule size-rule]" {
		t.Errorf("without DevImage: %s", got)
	}
	if got := fmt.Sprint(codes(Options{DevImage: true})); got != "[cache-rule]" {
		t.Errorf("with DevImage: %s", got)
	}
}

// TestSquashedSkipsLayerBoundRules: built into one layer, what one layer
// keeps and a later one removes is gone; the other rules still apply.
func TestSquashedSkipsLayerBoundRules(t *testing.T) {
	bound, other := *testRule, *testRule
	bound.ID, bound.Category, bound.LayerBound = "bound-rule", CategorySize, true
	other.ID, other.Category = "other-rule", CategorySize
	f := Parse("FROM a\nRUN x\n")
	got := func(opts Options) string {
		var out []string
		for _, fd := range AnalyzeWith(f, []*Rule{&bound, &other}, opts) {
			out = append(out, fd.Code)
		}
		return fmt.Sprint(out)
	}
	if g := got(Options{}); g != "[bound-rule other-rule]" {
		t.Errorf("layered: %s", g)
	}
	if g := got(Options{Squashed: true}); g != "[other-rule]" {
		t.Errorf("squashed: %s", g)
	}
}

// TestBuildOnly: an image nothing says how to run, that copies the build
// context in and builds it, is a build environment.
func TestBuildOnly(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"FROM node:22\nWORKDIR /app\nCOPY . .\nRUN yarn install && yarn build\n", true},
		{"FROM golang:1.22\nCOPY . /src\nRUN go build -o /out/app ./cmd/app\n", true},
		{"FROM node:22\nCOPY . .\nRUN npm run build\nCMD [\"node\", \"dist/main.js\"]\n", false},
		{"FROM golang:1.22\nCOPY . /src\nRUN go build -o /out/app .\nUSER 65532\n", false},
		{"FROM node:22\nRUN npm run build\nCOPY . .\n", false},    // builds nothing it copied
		{"FROM debian\nCOPY src /src\nRUN make -C /src\n", false}, // not the whole context
		{"FROM golang AS b\nCOPY . .\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n", false},
		// A server image runs its own command.
		{"FROM tomcat:10-jdk17\nCOPY . /src\nRUN cd /src && mvn package && cp target/app.war /usr/local/tomcat/webapps/\n", false},
		{"FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . .\nRUN dotnet publish -o /out\n", true},
	} {
		f := Parse(tc.text)
		if got := f.BuildOnly(f.Shipped(nil)); got != tc.want {
			t.Errorf("%q: BuildOnly = %v, want %v", tc.text, got, tc.want)
		}
	}
}
