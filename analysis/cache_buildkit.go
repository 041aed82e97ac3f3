package analysis

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// Replaying BuildKit's dispatch is the costliest check, and an edit changes
// one stage. A stage's findings and the state its children inherit depend
// only on its own lines (with the comments between its instructions), on
// what comes before the first stage (directives and meta ARGs), on the
// target stage's name, and on the state of the stage it builds on. So the
// document's Cache keeps each stage's result under its text and the text
// before the first stage, with findings relative to where the stage starts,
// and a stage whose text and parent are unchanged is not dispatched again.

// buildkitStageKey is what a stage's dispatch depends on, apart from its parent.
type buildkitStageKey struct {
	globals string // escape, target stage name and the text before the first stage
	text    string // the stage's lines
}

// buildkitStageResult is one stage's dispatch, positions relative to the stage.
type buildkitStageResult struct {
	state    *bkStage // nil when BuildKit did not dispatch the stage
	findings []BuildKitCheck
	gen      int
}

// baseImageCheck is InvalidDefaultArgInFrom's verdict on one base name:
// expanding it with the meta ARGs failed, or the result is no image
// reference. It depends only on the name and the text before the first
// stage.
type baseImageCheck struct{ failed, invalid bool }

type baseImageKey struct{ globals, name string }

type baseImageResult struct {
	check baseImageCheck
	gen   int
}

// buildkitStageMemo serves one BuildKit run of one File.
type buildkitStageMemo struct {
	cache   *Cache
	f       *File
	gen     int
	globals string // a string of its own, not a slice of the text
}

// buildkitStageMemo starts a BuildKit run over f. A nil cache memoizes nothing.
func (c *Cache) buildkitStageMemo(f *File) *buildkitStageMemo {
	m := &buildkitStageMemo{cache: c, f: f}
	if c == nil || len(f.Stages) == 0 {
		return m
	}
	c.mu.Lock()
	c.buildkitGen++
	m.gen = c.buildkitGen
	c.mu.Unlock()
	m.globals = string(f.Escape) + f.Stages[len(f.Stages)-1].Name + "\x00" + f.prelude()
	return m
}

// prelude is the text before the first stage (directives, meta ARGs),
// which every stage's checks may read. The file has a stage.
func (f *File) prelude() string {
	first, _ := f.stageSpan(f.Stages[0])
	return f.Text[:first]
}

// stageSpan is where a stage's text starts (the end of the instruction
// before its FROM, so comments above the FROM count) and ends.
func (f *File) stageSpan(st *Stage) (start, end int) {
	if i := st.From.Index; i > 0 {
		start = int(f.Instructions[i-1].Range.End.Offset)
	}
	return start, int(st.Instructions[len(st.Instructions)-1].Range.End.Offset)
}

// dispatch runs BuildKit's dispatch of st, or replays the remembered one.
func (m *buildkitStageMemo) dispatch(l *bkLinter, st *Stage) {
	if m.cache == nil {
		l.dispatchStage(st)
		return
	}
	start, end := m.f.stageSpan(st)
	key := buildkitStageKey{globals: m.globals, text: m.f.Text[start:end]}
	line := int(m.f.Lines.Pos(start).Line)
	m.cache.mu.Lock()
	r := m.cache.buildkitStages[key]
	if r != nil && r.parentUnchanged(l) {
		r.gen = m.gen
	} else {
		r = nil
	}
	m.cache.mu.Unlock()
	if r != nil {
		for _, fd := range r.findings {
			fd.Range = fd.Range.shifted(start, line)
			l.out = append(l.out, fd)
		}
		if stage, ok := st.From.Command().(*instructions.Stage); ok && r.state != nil && stage.Name != "" {
			l.stages[stage.Name] = r.state
		}
		return
	}
	before := len(l.out)
	r = &buildkitStageResult{state: l.dispatchStage(st), gen: m.gen}
	for _, fd := range l.out[before:] {
		fd.Range = fd.Range.shifted(-start, -line)
		r.findings = append(r.findings, fd)
	}
	// Keys are copied: a slice of the text would keep every version alive.
	key.text = strings.Clone(key.text)
	m.cache.mu.Lock()
	if m.cache.buildkitStages == nil {
		m.cache.buildkitStages = map[buildkitStageKey]*buildkitStageResult{}
	}
	m.cache.buildkitStages[key] = r
	m.cache.mu.Unlock()
}

// baseImage returns the remembered check of a base name, or runs it.
func (m *buildkitStageMemo) baseImage(name string, run func() baseImageCheck) baseImageCheck {
	if m.cache == nil {
		return run()
	}
	key := baseImageKey{globals: m.globals, name: name}
	m.cache.mu.Lock()
	r := m.cache.baseImages[key]
	if r != nil {
		r.gen = m.gen
	}
	m.cache.mu.Unlock()
	if r != nil {
		return r.check
	}
	check := run()
	key.name = strings.Clone(name)
	m.cache.mu.Lock()
	if m.cache.baseImages == nil {
		m.cache.baseImages = map[baseImageKey]*baseImageResult{}
	}
	m.cache.baseImages[key] = &baseImageResult{check: check, gen: m.gen}
	m.cache.mu.Unlock()
	return check
}

// parentUnchanged reports whether the stage would find the same parent
// state now: its base name is part of its text, so only what that name
// resolves to can differ.
func (r *buildkitStageResult) parentUnchanged(l *bkLinter) bool {
	return r.state == nil || l.stages[r.state.base] == r.state.parent
}

// done drops the results that neither this run nor a later one used.
func (m *buildkitStageMemo) done() {
	if m.cache == nil {
		return
	}
	m.cache.mu.Lock()
	defer m.cache.mu.Unlock()
	forgetOlder(m.cache.buildkitStages, m.gen)
	forgetOlder(m.cache.baseImages, m.gen)
}

func (r *buildkitStageResult) lastUsed() int { return r.gen }
func (r *baseImageResult) lastUsed() int     { return r.gen }
