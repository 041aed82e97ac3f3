package server

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/layerwise/layerwise/analysis"
)

// Snapshot is one immutable version of a document with its analysis. Every
// request reads from a snapshot; an edit makes a new one.
type Snapshot struct {
	URI      uri.URI
	Version  int32
	Text     string
	File     *analysis.File
	Findings []analysis.Finding
	Mapper   *Mapper
}

// document is an open text document. Its text changes under mu; analysis of
// a version runs outside the lock and is published only if the version is
// still current.
type document struct {
	uri uri.URI

	mu      sync.Mutex
	version int32
	text    string
	closed  bool
	// gen counts the changes of text and settings: an analysis is of one
	// generation, and stale once gen moves on.
	gen         uint64
	analyzed    *Snapshot // the newest analysis, of generation analyzedGen
	analyzedGen uint64
	// publishedGen is the generation whose diagnostics were published
	// last: each is published once.
	publishedGen uint64
	// running is the analysis under way, shared by every request and the
	// loop that need its generation; a change cancels it.
	running *analysisRun

	// outdated is set by every change of text or settings and cleared when
	// the analysis loop takes the version to publish it: a stale wake-up
	// finds nothing to do.
	outdated bool

	wake  chan struct{}   // capacity 1: "a newer version is waiting"
	cache *analysis.Cache // BuildKit's parse of each instruction, by text
}

// store holds the open documents.
type store struct {
	mu   sync.Mutex
	docs map[uri.URI]*document
}

func newStore() *store { return &store{docs: map[uri.URI]*document{}} }

func (s *store) get(uri uri.URI) (*document, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[uri]
	return d, ok
}

// open registers a document; reopening an open URI replaces its text.
func (s *store) open(uri uri.URI, version int32, text string) (*document, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d, ok := s.docs[uri]; ok {
		d.mu.Lock()
		d.version, d.text, d.outdated = version, text, true
		d.changedLocked()
		d.mu.Unlock()
		return d, false
	}
	d := &document{uri: uri, version: version, text: text, gen: 1, outdated: true, wake: make(chan struct{}, 1), cache: analysis.NewCache()}
	s.docs[uri] = d
	return d, true
}

// each calls fn for every open document.
func (s *store) each(fn func(*document)) {
	s.mu.Lock()
	docs := make([]*document, 0, len(s.docs))
	for _, d := range s.docs {
		docs = append(docs, d)
	}
	s.mu.Unlock()
	for _, d := range docs {
		fn(d)
	}
}

func (s *store) remove(uri uri.URI) (*document, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[uri]
	delete(s.docs, uri)
	return d, ok
}

// signal tells the document's analysis loop that a new version is waiting.
// Pending signals coalesce, so a burst of edits is analysed once at its end
// while every quiet version is analysed.
func (d *document) signal() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// pending reports whether the current version's diagnostics are still to
// be published (ok), and takes that duty; or that d is closed.
func (d *document) pending() (closed, ok bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return true, false
	}
	if !d.outdated {
		return false, false
	}
	d.outdated = false
	return false, true
}

// invalidate forces the current version to be analysed again.
func (d *document) invalidate() {
	d.mu.Lock()
	d.outdated = true
	d.changedLocked()
	d.mu.Unlock()
	d.signal()
}

// changedLocked starts a new generation: the analysis under way is of an
// older one, and is cancelled. d.mu is held.
func (d *document) changedLocked() {
	d.gen++
	d.analyzed = nil // requests never use a stale snapshot: let it go
	if d.running != nil {
		d.running.cancel()
		d.running = nil
	}
}

// analysisRun is one analysis of one generation of a document.
type analysisRun struct {
	gen    uint64
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{} // closed when snap is set: nil if cancelled or failed
	snap   *Snapshot
	failed bool // the analysis panicked (logged): trying again would too
}

// applyChanges applies LSP content changes in order, each range measured in
// enc against the text as left by the previous change. A malformed range is
// made whole on its own, and said in problems, so the other changes still
// apply: a backwards range is read forwards, a position past the last line
// is the end of the text. A change of an unknown kind is skipped.
func applyChanges(text string, changes []protocol.TextDocumentContentChangeEvent, enc Encoding) (_ string, problems []string) {
	for i, ch := range changes {
		switch c := ch.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			text = c.Text
		case *protocol.TextDocumentContentChangePartial:
			m := NewMapper(text, nil, enc)
			start, okStart := m.Offset(c.Range.Start)
			end, okEnd := m.Offset(c.Range.End)
			if !okStart || !okEnd {
				problems = append(problems, fmt.Sprintf("change %d: range %s is past the last line (%d lines): read as the end of the text",
					i, rangeText(c.Range), m.lineCount()))
			}
			if end < start {
				problems = append(problems, fmt.Sprintf("change %d: range %s ends before it starts: read the other way round", i, rangeText(c.Range)))
				start, end = end, start
			}
			var b strings.Builder
			b.Grow(len(text) - (end - start) + len(c.Text))
			b.WriteString(text[:start])
			b.WriteString(c.Text)
			b.WriteString(text[end:])
			text = b.String()
		default:
			problems = append(problems, fmt.Sprintf("change %d: unsupported content change %T: skipped", i, ch))
		}
	}
	return text, problems
}

func rangeText(r protocol.Range) string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character)
}
