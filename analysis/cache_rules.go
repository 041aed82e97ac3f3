package analysis

import (
	"fmt"
	"strings"
)

// Most rules look at one stage at a time, and an edit changes one stage.
// A rule that declares so (a stage Scope) promises that what it reports
// about a stage depends only on that stage's text, the stages it is built
// FROM, the text before the first stage, whether the stage ships, and the
// configuration, build context and file name. AnalyzeWith then remembers
// its findings per stage in the document's Cache and reuses them, moved to
// where the stage now is, while none of that has changed. Answers the rule
// got from the build context are kept too and asked again, so a lockfile
// created on disk is noticed at the next analysis as before.
//
// Reused findings are moved with the stage: their ranges move; their Data
// names instructions by their place in the stage (Ref), which does not.
// Only a rule whose messages cite line numbers (ScopeStageInPlace) runs
// again when its stage moved to another line.

// ruleStageKey is what every stage rule's findings about a stage depend on:
// the stage's text and where it is, and the entry of the stage it is built
// FROM, which stands for that stage's own key (or, for a stage built from an
// image, the text before the first stage).
type ruleStageKey struct {
	stage   int  // the stage's index
	escape  byte // the same text is other instructions under another escape
	text    string
	parent  *ruleStageEntry
	prelude string
}

// ruleStageEntry holds the rules' findings about one stage, looked up once
// per analysis: two results per rule of the list, as the stage ships or
// not.
type ruleStageEntry struct {
	gen     int
	results []*ruleStageResult
}

// resultSlot is where the result of the rule at place i of the rule list
// about a stage that ships (or not) is kept.
func resultSlot(i int, ships bool) int {
	if ships {
		return 2*i + 1
	}
	return 2 * i
}

// nothingFound is the result of every rule that found nothing, asked
// nothing of the build context and reads no other stage: most of them. One
// for an analysis with a build context, one without.
var nothingFound = [2]*ruleStageResult{{}, {workspace: true}}

// ruleStageResult is a rule's findings about one stage, offsets relative to
// the stage's start, with the build-context answers they were based on.
type ruleStageResult struct {
	findings []Finding
	answers  []workspaceAnswer
	children string // the stages built FROM it, for ScopeStageAndChildren
	line     int    // the stage's first line then
	// workspace says whether there was a build context: a rule that knew
	// none asked nothing, and its result says nothing of one that appears.
	workspace bool
}

type workspaceAnswer struct {
	path   string
	exists bool
}

// ruleStageMemo serves one analysis of one File.
type ruleStageMemo struct {
	cache    *Cache
	f        *File
	gen      int
	rules    int // how many rules the list has
	stages   map[*Stage]*placedRuleEntry
	children map[*Stage]string // the text of the stages built FROM each
}

// placedRuleEntry is a stage's entry and where the stage is in this File.
type placedRuleEntry struct {
	*ruleStageEntry
	start, end int // the stage's span
	line       int // the line it starts on
}

// ruleStageMemo starts an analysis of f with rules and opts. It forgets
// everything when the rule list, the configuration or the file name
// changed since the last analysis. A configuration is the same when it is
// the same value: callers keep theirs while it does not change (the server
// reads .layerwise.yaml again only when the file changed), and comparing
// what a configuration says on every keystroke would cost more.
func (c *Cache) ruleStageMemo(f *File, rules []*Rule, opts Options) *ruleStageMemo {
	if c == nil || len(f.Stages) == 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ruleConfig != opts.Config || c.ruleFilename != opts.Filename || !sameRules(c.ruleList, rules) {
		c.ruleStages = nil
		c.ruleConfig, c.ruleFilename, c.ruleList = opts.Config, opts.Filename, append([]*Rule(nil), rules...)
	}
	c.ruleGen++
	return &ruleStageMemo{cache: c, f: f, gen: c.ruleGen, rules: len(rules), stages: map[*Stage]*placedRuleEntry{}}
}

// sameRules reports whether two rule lists hold the same rules in the same
// order, so that a rule's place means the same result slot.
func sameRules(a, b []*Rule) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// entry finds (or makes) the entry of st.
func (m *ruleStageMemo) entry(st *Stage) *placedRuleEntry {
	if e := m.stages[st]; e != nil {
		return e
	}
	f := m.f
	start, end := f.stageSpan(st)
	key := ruleStageKey{stage: st.Index, escape: f.Escape, text: f.Text[start:end]}
	if parent := f.Parent(st); parent != nil && parent.Index < st.Index {
		key.parent = m.entry(parent).ruleStageEntry
	} else {
		key.prelude = f.prelude()
	}
	m.cache.mu.Lock()
	e := m.cache.ruleStages[key]
	if e == nil {
		e = &ruleStageEntry{results: make([]*ruleStageResult, 2*m.rules)}
		if m.cache.ruleStages == nil {
			m.cache.ruleStages = map[ruleStageKey]*ruleStageEntry{}
		}
		// Copied: a slice of the text would keep this version alive.
		key.text, key.prelude = strings.Clone(key.text), strings.Clone(key.prelude)
		m.cache.ruleStages[key] = e
	}
	e.gen = m.gen
	m.cache.mu.Unlock()
	pe := &placedRuleEntry{ruleStageEntry: e, start: start, end: end, line: int(f.Lines.Pos(start).Line)}
	m.stages[st] = pe
	return pe
}

// childrenText is the text of the stages built FROM st, directly or not.
func (m *ruleStageMemo) childrenText(st *Stage) string {
	if m.children == nil {
		m.children = map[*Stage]string{}
		b := map[*Stage]*strings.Builder{}
		for _, s := range m.f.Stages {
			start, end := m.f.stageSpan(s)
			for p, depth := m.f.Parent(s), 0; p != nil && depth <= len(m.f.Stages); p, depth = m.f.Parent(p), depth+1 {
				if b[p] == nil {
					b[p] = &strings.Builder{}
				}
				b[p].WriteByte(0)
				b[p].WriteString(m.f.Text[start:end])
			}
		}
		for s, sb := range b {
			m.children[s] = sb.String()
		}
	}
	return m.children[st]
}

// run runs the stage rule at place slot of the rule list on st, or reuses
// its findings.
func (m *ruleStageMemo) run(p *Pass, slot int, st *Stage) {
	p.Stage = st
	defer func() { p.Stage = nil }()
	if m == nil {
		p.Rule.Run(p)
		return
	}
	e := m.entry(st)
	at := resultSlot(slot, p.Ships(st))
	children := ""
	if p.Rule.Scope == ScopeStageAndChildren {
		children = m.childrenText(st)
	}
	inPlace := p.Rule.Scope == ScopeStageInPlace
	m.cache.mu.Lock()
	r := e.results[at]
	m.cache.mu.Unlock()
	if r != nil && r.children == children && (r.line == e.line || !inPlace) && r.workspace == (p.Workspace != nil) && r.answersHold(p.Workspace) {
		for _, fd := range r.findings {
			*p.findings = append(*p.findings, fd.moved(e.start, e.line-r.line))
		}
		return
	}
	var found []Finding
	run := *p
	run.findings = &found
	rec := &answerRecorder{ws: p.Workspace}
	if p.Workspace != nil {
		run.Workspace = rec
	}
	p.Rule.Run(&run)
	*p.findings = append(*p.findings, found...)
	r = &ruleStageResult{answers: rec.answers, children: children, line: e.line, workspace: p.Workspace != nil}
	for _, fd := range found {
		if m.f.outsideStage(st, fd, false) != nil {
			return // points into a child stage, which may move apart from it
		}
		r.findings = append(r.findings, fd.moved(-e.start, 0))
	}
	if len(r.findings) == 0 && len(r.answers) == 0 && children == "" && !inPlace {
		r = nothingFound[boolIndex(p.Workspace != nil)]
	}
	m.cache.mu.Lock()
	e.results[at] = r
	m.cache.mu.Unlock()
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// done drops the stages that neither this analysis nor a later one used.
func (m *ruleStageMemo) done() {
	if m == nil {
		return
	}
	m.cache.mu.Lock()
	defer m.cache.mu.Unlock()
	forgetOlder(m.cache.ruleStages, m.gen)
}

func (e *ruleStageEntry) lastUsed() int { return e.gen }

// answersHold reports whether the build context still answers as it did.
func (r *ruleStageResult) answersHold(ws Workspace) bool {
	for _, a := range r.answers {
		if ws == nil || ws.Exists(a.path) != a.exists {
			return false
		}
	}
	return true
}

// answerRecorder is a Workspace that notes what it was asked.
type answerRecorder struct {
	ws      Workspace
	answers []workspaceAnswer
}

func (a *answerRecorder) Exists(rel string) bool {
	ok := a.ws.Exists(rel)
	a.answers = append(a.answers, workspaceAnswer{rel, ok})
	return ok
}

// outsideStage reports a finding of a rule checking st that lies, even in
// part, outside the stage (for its related information, with children,
// outside the stage and the stages built FROM it): such a finding cannot
// be moved with the stage.
func (f *File) outsideStage(st *Stage, fd Finding, children bool) error {
	in := func(r Range, s *Stage) bool {
		start, end := f.stageSpan(s)
		return int(r.Start.Offset) >= start && int(r.End.Offset) <= end
	}
	if !in(fd.Range, st) {
		return fmt.Errorf("finding at %d:%d lies outside stage %d", fd.Range.Start.Line+1, fd.Range.Start.Col+1, st.Index)
	}
	for _, rel := range fd.Related {
		if in(rel.Range, st) || children && f.inDescendant(st, rel.Range) {
			continue
		}
		return fmt.Errorf("related information at %d:%d lies outside stage %d", rel.Range.Start.Line+1, rel.Range.Start.Col+1, st.Index)
	}
	return nil
}

// inDescendant reports whether r lies in a stage built FROM st, directly or
// not.
func (f *File) inDescendant(st *Stage, r Range) bool {
	at := f.InstructionAt(int(r.Start.Offset))
	if at == nil || at.Stage == nil {
		return false
	}
	for s, depth := f.Parent(at.Stage), 0; s != nil && depth <= len(f.Stages); s, depth = f.Parent(s), depth+1 {
		if s == st {
			return true
		}
	}
	return false
}

// moved is the finding with every position moved by off bytes and lines
// lines. Its Data holds no positions (see Finding.Data).
func (fd Finding) moved(off, lines int) Finding {
	fd.Range = fd.Range.shifted(off, lines)
	if fd.Related != nil {
		related := make([]Related, len(fd.Related))
		for i, r := range fd.Related {
			related[i] = Related{Range: r.Range.shifted(off, lines), Message: r.Message}
		}
		fd.Related = related
	}
	return fd
}
