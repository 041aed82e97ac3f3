package server

import (
	"context"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/layerwise/layerwise/internal/benchgen"
	"github.com/layerwise/layerwise/project"
)

func edit(l1, c1, l2, c2 uint32, text string) protocol.TextDocumentContentChangeEvent {
	return &protocol.TextDocumentContentChangePartial{
		Range: protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}},
		Text:  text,
	}
}

func TestApplyChanges(t *testing.T) {
	for _, tc := range []struct {
		name    string
		text    string
		changes []protocol.TextDocumentContentChangeEvent
		want    string
		problem bool // the change is malformed, and made whole
	}{
		{"insert", "FROM a\n", []protocol.TextDocumentContentChangeEvent{edit(1, 0, 1, 0, "RUN x\n")}, "FROM a\nRUN x\n", false},
		{"replace across lines", "FROM a\nRUN x\nRUN y\n", []protocol.TextDocumentContentChangeEvent{edit(1, 4, 2, 5, "z")}, "FROM a\nRUN z\n", false},
		{"sequential changes see earlier ones", "ab", []protocol.TextDocumentContentChangeEvent{edit(0, 0, 0, 0, "x"), edit(0, 1, 0, 2, "Y")}, "xYb", false},
		{"utf-16 columns after an emoji", "🐳a", []protocol.TextDocumentContentChangeEvent{edit(0, 2, 0, 3, "b")}, "🐳b", false},
		{"whole document", "old", []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: "new"}}, "new", false},
		{"a lone CR ends a client line", "FROM a\rRUN x", []protocol.TextDocumentContentChangeEvent{edit(1, 4, 1, 5, "y")}, "FROM a\rRUN y", false},
		{"range past the end is clamped", "FROM a\n", []protocol.TextDocumentContentChangeEvent{edit(0, 4, 40, 0, "")}, "FROM", true},
		{"a backwards range is read forwards", "abc", []protocol.TextDocumentContentChangeEvent{edit(0, 2, 0, 1, "")}, "ac", true},
		{"one bad change leaves the others", "abc", []protocol.TextDocumentContentChangeEvent{edit(0, 0, 0, 0, "x"), edit(0, 3, 0, 2, "Y"), edit(0, 0, 0, 1, "")}, "aYc", true},
	} {
		got, problems := applyChanges(tc.text, tc.changes, UTF16)
		if got != tc.want || (len(problems) > 0) != tc.problem {
			t.Errorf("%s: got %q, problems %q; want %q (problem: %v)", tc.name, got, problems, tc.want, tc.problem)
		}
	}
}

func testServer() *Server {
	return &Server{ctx: context.Background(), log: zap.NewNop(), docs: newStore(), configs: project.NewLoader()}
}

// TestRequestsShareTheAnalysisOfAVersion: callers that ask for the same
// version while it is analysed all get the one snapshot.
func TestRequestsShareTheAnalysisOfAVersion(t *testing.T) {
	s := testServer()
	d, _ := s.docs.open("untitled:a", 1, benchgen.Dockerfile(1500))
	snaps := make(chan *Snapshot, 10)
	for range 10 {
		go func() { snap, _ := s.current(context.Background(), d); snaps <- snap }()
	}
	first := <-snaps
	for range 9 {
		if snap := <-snaps; snap != first || snap == nil {
			t.Fatal("two callers got different analyses of one version")
		}
	}
}

// TestAChangeCancelsTheAnalysisUnderWay: a caller waiting while the text
// changes gets the newer version, not the stale one.
func TestAChangeCancelsTheAnalysisUnderWay(t *testing.T) {
	s := testServer()
	d, _ := s.docs.open("untitled:a", 1, benchgen.SingleStage(3000))
	got := make(chan *Snapshot, 1)
	go func() { snap, _ := s.current(context.Background(), d); got <- snap }()
	time.Sleep(5 * time.Millisecond)
	d.mu.Lock()
	d.text, d.version = "FROM alpine:3.19\n", 2
	d.changedLocked()
	d.mu.Unlock()
	select {
	case snap := <-got:
		if snap == nil || snap.Version != 2 {
			t.Fatalf("got %+v, want version 2", snap)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the waiting caller never got an answer")
	}
}

// TestAPanickingAnalysisLeavesNoOneWaiting: a run that panics is closed:
// its caller and the next get nil at once.
func TestAPanickingAnalysisLeavesNoOneWaiting(t *testing.T) {
	s := testServer()
	s.configs = nil // a file: URI asks the loader: nil panics
	d, _ := s.docs.open("file:///tmp/x/Dockerfile", 1, "FROM alpine:3.19\n")
	for i := range 2 {
		done := make(chan *Snapshot, 1)
		go func() { snap, _ := s.current(context.Background(), d); done <- snap }()
		select {
		case snap := <-done:
			if snap != nil {
				t.Fatalf("call %d: a snapshot from a panicked analysis", i)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("call %d is still waiting", i)
		}
	}
}
