package analysis

import (
	"reflect"
	"strconv"
	"strings"
)

// Most rules look at one stage at a time, and an edit changes one stage.
// A rule that declares so (Rule.Stage) promises that what it reports about
// a stage depends only on that stage's text, the stages it is built FROM,
// the text before the first stage, whether the stage ships, and the
// configuration, build context and file name. AnalyzeWith then remembers
// its findings per stage in the document's Cache and reuses them, moved to
// where the stage now is, while none of that has changed. Answers the rule
// got from the build context are kept too and asked again, so a lockfile
// created on disk is noticed at the next analysis as before.
//
// Reused findings are moved with the stage: offsets, lines and the
// instruction indexes in Data (indexDataKeys). Only a rule whose messages
// cite line numbers (Rule.CitesLines) runs again when its stage moved to
// another line.

// stageKey is what every stage rule's findings about a stage depend on:
// the stage's text and where it is, and the entry of the stage it is built
// FROM, which stands for that stage's own key (or, for a stage built from an
// image, the text before the first stage).
type stageKey struct {
	stage   int  // the stage's index
	escape  byte // the same text is other instructions under another escape
	text    string
	parent  *stageEntry
	prelude string
}

// stageEntry holds the rules' findings about one stage, looked up once
// per analysis: two results per stage rule, as the stage ships or not.
type stageEntry struct {
	gen     int
	results []*stageRuleResult
}

// slot is where a rule's result about a stage that ships (or not) is kept.
func slot(r *Rule, ships bool) int {
	if ships {
		return 2*r.stageIndex + 1
	}
	return 2 * r.stageIndex
}

// nothingFound is the result of every rule that found nothing, asked
// nothing of the build context and reads no other stage: most of them.
var nothingFound = &stageRuleResult{}

// stageRuleResult is a rule's findings about one stage, offsets relative to
// the stage's start, with the build-context answers they were based on.
type stageRuleResult struct {
	findings []Finding
	answers  []workspaceAnswer
	children string // the stages built FROM it, for StageChildren rules
	first    int    // the index of the stage's first instruction then
	line     int    // the stage's first line then
}

type workspaceAnswer struct {
	path   string
	exists bool
}

// ruleMemo serves one analysis of one File.
type ruleMemo struct {
	cache    *Cache
	f        *File
	gen      int
	stages   map[*Stage]*placedEntry
	children map[*Stage]string // the text of the stages built FROM each
}

// placedEntry is a stage's entry and where the stage is in this File.
type placedEntry struct {
	*stageEntry
	start, end  int // the stage's span
	line        int // the line it starts on
	first, last int // the indexes of its first and last instruction
}

// ruleMemo starts an analysis of f with opts. It forgets everything when
// the configuration or the file name changed since the last analysis.
func (c *Cache) ruleMemo(f *File, opts Options) *ruleMemo {
	if c == nil || len(f.Stages) == 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !reflect.DeepEqual(c.ruleConfig, opts.Config) || c.ruleFilename != opts.Filename {
		c.stageRules = nil
		c.ruleConfig, c.ruleFilename = opts.Config, opts.Filename
	}
	c.ruleGen++
	return &ruleMemo{cache: c, f: f, gen: c.ruleGen, stages: map[*Stage]*placedEntry{}}
}

// entry finds (or makes) the entry of st.
func (m *ruleMemo) entry(st *Stage) *placedEntry {
	if e := m.stages[st]; e != nil {
		return e
	}
	f := m.f
	start, end := f.stageSpan(st)
	key := stageKey{stage: st.Index, escape: f.Escape, text: f.Text[start:end]}
	if parent := f.Parent(st); parent != nil && parent.Index < st.Index {
		key.parent = m.entry(parent).stageEntry
	} else {
		key.prelude = f.prelude()
	}
	m.cache.mu.Lock()
	e := m.cache.stageRules[key]
	if e == nil {
		e = &stageEntry{results: make([]*stageRuleResult, 2*stageRules)}
		if m.cache.stageRules == nil {
			m.cache.stageRules = map[stageKey]*stageEntry{}
		}
		// Copied: a slice of the text would keep this version alive.
		key.text, key.prelude = strings.Clone(key.text), strings.Clone(key.prelude)
		m.cache.stageRules[key] = e
	}
	e.gen = m.gen
	m.cache.mu.Unlock()
	pe := &placedEntry{stageEntry: e, start: start, end: end, line: int(f.Lines.Pos(start).Line),
		first: st.From.Index, last: st.Instructions[len(st.Instructions)-1].Index}
	m.stages[st] = pe
	return pe
}

// childrenText is the text of the stages built FROM st, directly or not.
func (m *ruleMemo) childrenText(st *Stage) string {
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

// run runs a stage rule on st, or reuses its findings.
func (m *ruleMemo) run(p *Pass, st *Stage) {
	if m == nil {
		p.Rule.Stage(p, st)
		return
	}
	e := m.entry(st)
	at := slot(p.Rule, p.Ships(st))
	children := ""
	if p.Rule.StageChildren {
		children = m.childrenText(st)
	}
	m.cache.mu.Lock()
	r := e.results[at]
	m.cache.mu.Unlock()
	if r != nil && r.children == children && (r.line == e.line || !p.Rule.CitesLines) && r.answersHold(p.Workspace) {
		for _, fd := range r.findings {
			*p.findings = append(*p.findings, fd.moved(e.start, e.line-r.line, e.first-r.first))
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
	p.Rule.Stage(&run, st)
	*p.findings = append(*p.findings, found...)
	r = &stageRuleResult{answers: rec.answers, children: children, first: e.first, line: e.line}
	for _, fd := range found {
		if !fd.within(e) {
			return // points outside the stage, which may move apart from it
		}
		r.findings = append(r.findings, fd.moved(-e.start, 0, 0))
	}
	if len(r.findings) == 0 && len(r.answers) == 0 && children == "" && !p.Rule.CitesLines {
		r = nothingFound
	}
	m.cache.mu.Lock()
	e.results[at] = r
	m.cache.mu.Unlock()
}

// done drops the stages that neither this analysis nor a later one used.
func (m *ruleMemo) done() {
	if m == nil {
		return
	}
	m.cache.mu.Lock()
	defer m.cache.mu.Unlock()
	forgetOlder(m.cache.stageRules, m.gen)
}

func (e *stageEntry) lastUsed() int { return e.gen }

// answersHold reports whether the build context still answers as it did.
func (r *stageRuleResult) answersHold(ws Workspace) bool {
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

// indexDataKeys are the Data keys whose values are instruction indexes (a
// comma-separated list for "creators"). A rule that adds one lists it here,
// or a reused finding would point at the wrong instruction.
var indexDataKeys = map[string]bool{
	"run": true, "copy": true, "install": true, "first": true, "last": true,
	"cleanup": true, "into": true, "creator": true, "creators": true,
}

// within reports whether every range of the finding lies in the stage and
// every instruction index in its Data names one of the stage's.
func (fd Finding) within(e *placedEntry) bool {
	in := func(r Range) bool { return int(r.Start.Offset) >= e.start && int(r.End.Offset) <= e.end }
	if !in(fd.Range) {
		return false
	}
	for _, rel := range fd.Related {
		if !in(rel.Range) {
			return false
		}
	}
	for k, v := range fd.Data {
		if !indexDataKeys[k] {
			continue
		}
		for _, n := range strings.Split(v, ",") {
			i, err := strconv.Atoi(n)
			if err != nil || i < e.first || i > e.last {
				return false
			}
		}
	}
	return true
}

// moved is the finding with every position moved by off bytes and lines
// lines, and every instruction index in its Data by index.
func (fd Finding) moved(off, lines, index int) Finding {
	fd.Range = fd.Range.shifted(off, lines)
	if fd.Related != nil {
		related := make([]Related, len(fd.Related))
		for i, r := range fd.Related {
			related[i] = Related{Range: r.Range.shifted(off, lines), Message: r.Message}
		}
		fd.Related = related
	}
	if index != 0 && fd.Data != nil {
		data := make(map[string]string, len(fd.Data))
		for k, v := range fd.Data {
			if indexDataKeys[k] {
				ns := strings.Split(v, ",")
				for i, n := range ns {
					x, _ := strconv.Atoi(n)
					ns[i] = strconv.Itoa(x + index)
				}
				v = strings.Join(ns, ",")
			}
			data[k] = v
		}
		fd.Data = data
	}
	return fd
}
