package analysis

import (
	"fmt"
	"sort"
)

// Category groups rules by what they protect.
type Category string

// Categories of rules, as in RULES.md.
const (
	CategorySize        Category = "size"
	CategoryCache       Category = "cache"
	CategoryLayers      Category = "layers"
	CategoryCorrectness Category = "correctness"
	CategorySecurity    Category = "security"
	CategoryStyle       Category = "style"
)

// Rule is one check, declared as a value in the manner of
// golang.org/x/tools/go/analysis.Analyzer and BuildKit's LinterRule: its
// identity, its documentation and its check function live together. The
// rules layerwise ships are listed in package rules; the driver
// (AnalyzeWith) runs whichever list it is given.
type Rule struct {
	ID       string // stable: the diagnostic code, the pragma name, the fixture folder
	Source   string // SourceLayerwise or SourceBuildKit
	Category Category
	// LayerBound marks a rule about what one layer keeps that a later
	// layer cannot take back (a cache left behind, a cleanup in its own
	// RUN, a file stored twice): moot for an image built into one layer
	// (Options.Squashed).
	LayerBound bool
	// DefaultOff marks a rule that runs only when the configuration turns
	// it on (`on` or a severity): useful to some, noise to most.
	DefaultOff bool
	Severity   Severity // default severity
	Summary    string   // one line
	URL        string   // documentation page
	Doc        string   // Markdown: why, measured effect, bad and good example, how to ignore
	Aliases    []string // hadolint codes (DL3009) that suppress this rule too
	// Scope declares what the rule reads, and so what the driver may reuse
	// its findings for (see Scope).
	Scope Scope
	// Run checks the file (ScopeFile), or the stage Pass.Stage (the stage
	// scopes: the driver calls it once per stage).
	Run func(*Pass)
}

// Scope is what a rule's findings depend on. The driver keeps the findings
// of a stage-scoped rule per stage in the document's Cache and reuses them,
// moved to where the stage now is, while what the scope names is
// unchanged: a rule never needs to know how (cache_rules.go).
type Scope uint8

const (
	// ScopeFile: the findings may depend on anything in the file; Run is
	// called once per analysis and nothing is reused.
	ScopeFile Scope = iota
	// ScopeStage: what the rule reports about a stage depends only on that
	// stage, the stages it is built FROM, the text before the first stage,
	// whether the stage ships, and the Pass's configuration, workspace and
	// file name; every finding lies in the stage, and every Ref in its
	// Data names one of the stage's instructions.
	ScopeStage
	// ScopeStageAndChildren is ScopeStage for a rule that also reads the
	// stages built FROM the stage, directly or not. Its findings' related
	// information may point into those stages; such a finding cannot move
	// with the stage, so it is made again at every analysis.
	ScopeStageAndChildren
	// ScopeStageInPlace is ScopeStage for a rule whose messages cite line
	// numbers: its findings are reused only while the stage stays on the
	// same lines.
	ScopeStageInPlace
)

// PerStage reports whether the rule runs once per stage.
func (s Scope) PerStage() bool { return s != ScopeFile }

// Pass is what a rule sees while it runs over one file (or, for a stage
// scope, one stage of it).
type Pass struct {
	File      *File
	Rule      *Rule
	Stage     *Stage    // the stage being checked; nil for ScopeFile
	Config    *Config   // never nil
	Workspace Workspace // nil when the build context is unknown
	Filename  string    // base name of the Dockerfile, "" when unknown
	// DevImage is Options.DevImage: the file builds a development image
	// (it follows the file's path, as Filename does).
	DevImage bool
	shipped  map[*Stage]bool
	findings *[]Finding
	strict   bool // Options.StrictScope
}

// Report records a finding of the running rule. Code, Source, Severity and
// URL come from the rule.
func (p *Pass) Report(fd Finding) {
	fd.Code, fd.Source, fd.Severity, fd.URL = p.Rule.ID, p.Rule.Source, p.Rule.Severity, p.Rule.URL
	if p.strict && p.Stage != nil {
		if err := p.File.outsideStage(p.Stage, fd, p.Rule.Scope == ScopeStageAndChildren); err != nil {
			panic(fmt.Sprintf("rule %s: %v", p.Rule.ID, err))
		}
	}
	*p.findings = append(*p.findings, fd)
}

// Ref names in for a finding's Data (see Ref). A stage-scoped rule may only
// name instructions of the stage it checks.
func (p *Pass) Ref(in *Instruction) Ref {
	if p.strict && p.Stage != nil && in.Stage != p.Stage {
		panic(fmt.Sprintf("rule %s: Ref to instruction %d outside stage %d", p.Rule.ID, in.Index, p.Stage.Index))
	}
	return refTo(in)
}

// Ships reports whether the stage's layers end up in the image being built
// (see File.Shipped); size rules look only at those stages. It is worked
// out once per analysis, not once per rule.
func (p *Pass) Ships(st *Stage) bool { return st != nil && p.shipped[st] }

// ShippedRuns lists the RUN instructions of the stage being checked if it
// ships: what the size rules look at.
func (p *Pass) ShippedRuns() []*Instruction {
	if !p.Ships(p.Stage) {
		return nil
	}
	var runs []*Instruction
	for _, in := range p.Stage.Instructions {
		if in.Name == "run" {
			runs = append(runs, in)
		}
	}
	return runs
}

// ShippedCommands lists the RUN and ONBUILD RUN instructions of the stage
// being checked if it ships: what the size rules that judge one RUN by its
// own commands look at. An ONBUILD RUN's layer lands in every image built
// FROM this one, so it leaves the same caches; but it runs after all of
// this stage's instructions, in another build, so no RUN of this stage
// comes after it.
func (p *Pass) ShippedCommands() []*Instruction {
	if !p.Ships(p.Stage) {
		return nil
	}
	var runs []*Instruction
	for _, in := range p.Stage.Instructions {
		if in.Runs() {
			runs = append(runs, in)
		}
	}
	return runs
}

// SortRules orders rules as every list of them is shown: by source, then ID.
func SortRules(rules []*Rule) {
	sort.Slice(rules, func(i, j int) bool {
		if rules[i].Source != rules[j].Source {
			return rules[i].Source < rules[j].Source
		}
		return rules[i].ID < rules[j].ID
	})
}

// FindRule finds a rule of a list by ID.
func FindRule(rules []*Rule, id string) (*Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}
