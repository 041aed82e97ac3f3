package analysis

import (
	"slices"
	"sort"
	"sync"
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
// identity, its documentation and its check function live together.
type Rule struct {
	ID       string // stable: the diagnostic code, the pragma name, the fixture folder
	Source   string // SourceLayerwise or SourceBuildKit
	Category Category
	Severity Severity // default severity
	Summary  string   // one line
	URL      string   // documentation page
	Doc      string   // Markdown: why, measured effect, bad and good example, how to ignore
	Aliases  []string // hadolint codes (DL3009) that suppress this rule too
	Run      func(*Pass)
	// Stage, for a rule that checks one stage at a time, checks st; Run
	// is then every stage in turn (Register sets it). What it reports
	// about a stage must depend only on that stage, the stages it is built
	// FROM, the text before the first stage, whether it ships, and the
	// Pass's configuration, workspace and file name, and lie inside the
	// stage: AnalyzeWith reuses the findings while those are unchanged
	// (stage_memo.go).
	Stage func(p *Pass, st *Stage)
	// StageChildren is set when Stage also reads the stages built FROM
	// the stage, and theirs: their text joins what its findings depend on.
	StageChildren bool
	// CitesLines is set when a Stage rule's messages cite line numbers: its
	// findings are not reused once the stage has moved to another line.
	CitesLines bool

	stageIndex int // the rule's place among the stage rules (stage_memo.go)
}

// Pass is what a rule sees while it runs over one file.
type Pass struct {
	File      *File
	Rule      *Rule
	Config    *Config   // never nil
	Workspace Workspace // nil when the build context is unknown
	Filename  string    // base name of the Dockerfile, "" when unknown
	shipped   map[*Stage]bool
	findings  *[]Finding
}

// Report records a finding of the running rule at r.
func (p *Pass) Report(r Range, message string) *Finding {
	*p.findings = append(*p.findings, Finding{
		Code:     p.Rule.ID,
		Source:   p.Rule.Source,
		Severity: p.Rule.Severity,
		Message:  message,
		URL:      p.Rule.URL,
		Range:    r,
	})
	return &(*p.findings)[len(*p.findings)-1]
}

// Ships reports whether the stage's layers end up in the image being built
// (see File.Shipped); size rules look only at those stages. It is worked
// out once per analysis, not once per rule.
func (p *Pass) Ships(st *Stage) bool { return st != nil && p.shipped[st] }

// shippedRuns lists the RUN instructions of st if it ships: what the size
// rules look at.
func shippedRuns(p *Pass, st *Stage) []*Instruction {
	if !p.Ships(st) {
		return nil
	}
	var runs []*Instruction
	for _, in := range st.Instructions {
		if in.Name == "run" {
			runs = append(runs, in)
		}
	}
	return runs
}

var (
	registryMu sync.RWMutex
	registry   = map[string]*Rule{}
	sorted     []*Rule // the registry in Rules' order; nil after a Register
	stageRules int     // how many registered rules are stage rules
)

// Register adds a rule to the registry; rule files call it from init. A
// duplicate ID is a programming error.
func Register(r *Rule) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[r.ID]; dup {
		panic("analysis: duplicate rule " + r.ID)
	}
	if r.Stage != nil {
		r.stageIndex = stageRules
		stageRules++
	}
	if r.Stage != nil && r.Run == nil {
		r.Run = func(p *Pass) {
			for _, st := range p.File.Stages {
				r.Stage(p, st)
			}
		}
	}
	registry[r.ID] = r
	sorted = nil
}

// Rules lists every registered rule, sorted by source then ID. Every
// analysis asks, so the sorted list is kept; each caller gets its own copy.
func Rules() []*Rule {
	registryMu.RLock()
	if sorted != nil {
		defer registryMu.RUnlock()
		return slices.Clone(sorted)
	}
	registryMu.RUnlock()
	registryMu.Lock()
	defer registryMu.Unlock()
	if sorted == nil {
		sorted = make([]*Rule, 0, len(registry))
		for _, r := range registry {
			sorted = append(sorted, r)
		}
		sort.Slice(sorted, func(i, j int) bool {
			if sorted[i].Source != sorted[j].Source {
				return sorted[i].Source < sorted[j].Source
			}
			return sorted[i].ID < sorted[j].ID
		})
	}
	return slices.Clone(sorted)
}

// LookupRule finds a rule by ID.
func LookupRule(id string) (*Rule, bool) {
	registryMu.RLock()
	defer registryMu.RUnlock()
	r, ok := registry[id]
	return r, ok
}
