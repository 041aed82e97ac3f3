package e2e

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/layerwise/layerwise/internal/benchgen"
)

type textEdit struct {
	Range struct {
		Start struct{ Line, Character int } `json:"start"`
		End   struct{ Line, Character int } `json:"end"`
	} `json:"range"`
	NewText string `json:"newText"`
}

type codeAction struct {
	Title       string          `json:"title"`
	Kind        string          `json:"kind"`
	IsPreferred bool            `json:"isPreferred"`
	Diagnostics []diagnostic    `json:"diagnostics"`
	Data        json.RawMessage `json:"data"`
	Edit        *struct {
		Changes map[string][]textEdit `json:"changes"`
	} `json:"edit"`
}

// applyEdits applies LSP edits to ASCII text (where UTF-16 columns are bytes).
func applyEdits(t *testing.T, text string, edits []textEdit) string {
	t.Helper()
	lineStart := []int{0}
	for i, c := range text {
		if c == '\n' {
			lineStart = append(lineStart, i+1)
		}
	}
	off := func(l, c int) int { return lineStart[l] + c }
	sort.Slice(edits, func(i, j int) bool {
		return off(edits[i].Range.Start.Line, edits[i].Range.Start.Character) > off(edits[j].Range.Start.Line, edits[j].Range.Start.Character)
	})
	for _, e := range edits {
		s, en := off(e.Range.Start.Line, e.Range.Start.Character), off(e.Range.End.Line, e.Range.End.Character)
		text = text[:s] + e.NewText + text[en:]
	}
	return text
}

func (c *client) codeActions(uri string, l1, c1, l2, c2 int, only []string) []codeAction {
	c.t.Helper()
	ctx := map[string]any{"diagnostics": []any{}}
	if only != nil {
		ctx["only"] = only
	}
	r := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(l1, c1, l2, c2), "context": ctx})
	if r.Error != nil {
		c.t.Fatalf("codeAction: %+v", r.Error)
	}
	var out []codeAction
	if err := json.Unmarshal(r.Result, &out); err != nil {
		c.t.Fatal(err)
	}
	return out
}

const threeRuns = "FROM debian:bookworm-slim\nRUN apt-get update\n# then install\nRUN apt-get install -y --no-install-recommends curl\nRUN rm -rf /var/lib/apt/lists/*\n"

const threeRunsMerged = "FROM debian:bookworm-slim\n# then install\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n"

// threeRunsFixed is fix-all's result: the lone update joins the install
// (apt-update-alone) and the cleanup RUN moves into it
// (cleanup-in-separate-layer), which leaves nothing for consecutive-run.
const threeRunsFixed = "FROM debian:bookworm-slim\n# then install\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n"

func TestQuickFixMergesRunsAndTheFindingGoes(t *testing.T) {
	c := start(t)
	c.initialize(nil)
	c.open(uriA, threeRuns, 1)
	p := c.waitDiagnostics(uriA, 1)
	if _, ok := find(p.Diagnostics, "consecutive-run"); !ok {
		t.Fatalf("no consecutive-run in %v", codes(p.Diagnostics))
	}
	actions := c.codeActions(uriA, 3, 0, 3, 3, nil)
	var merge *codeAction
	for i := range actions {
		if actions[i].Kind == "quickfix" && strings.HasPrefix(actions[i].Title, "Merge 3 RUN") {
			merge = &actions[i]
		}
	}
	if merge == nil || !merge.IsPreferred || len(merge.Diagnostics) != 1 || merge.Diagnostics[0].Code != "consecutive-run" || merge.Edit == nil {
		t.Fatalf("merge action: %+v (all: %+v)", merge, actions)
	}
	fixed := applyEdits(t, threeRuns, merge.Edit.Changes[uriA])
	if fixed != threeRunsMerged {
		t.Fatalf("merged text:\n%s\nwant:\n%s", fixed, threeRunsMerged)
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uriA, "version": 2},
		"contentChanges": []any{map[string]any{"text": fixed}}})
	if p := c.waitDiagnostics(uriA, 2); len(p.Diagnostics) != 0 {
		t.Errorf("after the fix: %v", codes(p.Diagnostics))
	}
}

func TestFixAllThroughTheServer(t *testing.T) {
	c := start(t)
	c.initialize(nil)
	c.open(uriA, threeRuns, 1)
	c.waitDiagnostics(uriA, 1)
	actions := c.codeActions(uriA, 0, 0, 0, 0, []string{"source.fixAll"})
	if len(actions) != 1 || actions[0].Kind != "source.fixAll.layerwise" || actions[0].Edit == nil {
		t.Fatalf("fix-all actions: %+v", actions)
	}
	if got := applyEdits(t, threeRuns, actions[0].Edit.Changes[uriA]); got != threeRunsFixed {
		t.Errorf("fix-all result:\n%s\nwant:\n%s", got, threeRunsFixed)
	}
}

func TestCodeActionsResolveLazilyWhenTheClientCan(t *testing.T) {
	c := start(t)
	c.initialize(map[string]any{"textDocument": map[string]any{"codeAction": map[string]any{
		"resolveSupport": map[string]any{"properties": []string{"edit"}}}}})
	c.open(uriA, threeRuns, 1)
	c.waitDiagnostics(uriA, 1)
	actions := c.codeActions(uriA, 3, 0, 3, 3, []string{"quickfix"})
	if len(actions) == 0 || actions[0].Edit != nil || len(actions[0].Data) == 0 {
		t.Fatalf("lazy actions: %+v", actions)
	}
	r := c.call("codeAction/resolve", actions[0])
	var resolved codeAction
	if r.Error != nil || json.Unmarshal(r.Result, &resolved) != nil || resolved.Edit == nil {
		t.Fatalf("resolve: %s %+v", r.Result, r.Error)
	}
	if got := applyEdits(t, threeRuns, resolved.Edit.Changes[uriA]); got != threeRunsMerged {
		t.Errorf("resolved edit gives:\n%s", got)
	}
	// After an edit the old action no longer resolves: ContentModified.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uriA, "version": 2},
		"contentChanges": []any{map[string]any{"text": "FROM alpine:3.19\n"}}})
	c.waitDiagnostics(uriA, 2)
	if r := c.call("codeAction/resolve", actions[0]); r.Error == nil || r.Error.Code != -32801 {
		t.Errorf("stale resolve: %+v", r.Error)
	}
}

// TestLazyCodeActionsCarryNoEdit: on the 8,000-line benchmark file, with
// the cursor on a finding and no `only`, a client that resolves gets every
// action (quick fixes, rewrites, fix-all) without its edit; resolving each
// gives the edit an eager client gets at once.
func TestLazyCodeActionsCarryNoEdit(t *testing.T) {
	text := benchgen.Dockerfile(8000)
	lazy := start(t)
	lazy.initialize(map[string]any{"textDocument": map[string]any{"codeAction": map[string]any{
		"resolveSupport": map[string]any{"properties": []string{"edit"}}}}})
	eager := start(t)
	eager.initialize(nil)
	var published publishParams
	for _, c := range []*client{lazy, eager} {
		c.open(uriA, text, 1)
		published = c.waitDiagnosticsWithin(uriA, 1, 60*time.Second)
	}
	// The cursor on the first apt-update-alone finding, which has a
	// quick fix.
	d, ok := find(published.Diagnostics, "apt-update-alone")
	if !ok {
		t.Fatalf("no apt-update-alone in the benchmark file: %v", codes(published.Diagnostics))
	}
	line, col := d.Range.Start.Line, d.Range.Start.Character
	lazyActions := lazy.codeActions(uriA, line, col, line, col, nil)
	eagerActions := eager.codeActions(uriA, line, col, line, col, nil)
	if len(lazyActions) < 2 || len(lazyActions) != len(eagerActions) {
		t.Fatalf("lazy client got %d actions, eager %d", len(lazyActions), len(eagerActions))
	}
	kinds := map[string]bool{}
	for i, a := range lazyActions {
		kinds[a.Kind] = true
		if a.Edit != nil || len(a.Data) == 0 {
			t.Errorf("%q: the unresolved action carries an edit, or no data", a.Title)
		}
		r := lazy.call("codeAction/resolve", a)
		var resolved codeAction
		if r.Error != nil || json.Unmarshal(r.Result, &resolved) != nil || resolved.Edit == nil {
			t.Fatalf("resolve %q: %s %+v", a.Title, r.Result, r.Error)
		}
		e := eagerActions[i]
		if e.Title != a.Title || e.Edit == nil {
			t.Fatalf("action %d: lazy %q, eager %q with edit %v", i, a.Title, e.Title, e.Edit != nil)
		}
		if got, want := applyEdits(t, text, resolved.Edit.Changes[uriA]), applyEdits(t, text, e.Edit.Changes[uriA]); got != want {
			t.Errorf("%q: the resolved edit differs from the eager one", a.Title)
		}
	}
	if !kinds["source.fixAll.layerwise"] || !kinds["quickfix"] {
		t.Errorf("actions of kinds %v; the test needs a quick fix and fix-all", kinds)
	}
}
