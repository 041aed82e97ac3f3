package server

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
	"github.com/layerwise/layerwise/internal/gctune"
)

func handleInitialize(s *Server, ctx context.Context, p *protocol.InitializeParams) (any, error) {
	if s.opts.OnInitialize != nil {
		s.opts.OnInitialize()
	}
	var offered []protocol.PositionEncodingKind
	if g := p.Capabilities.General; g != nil {
		offered = g.PositionEncodings
	}
	enc := negotiateEncoding(offered)
	s.configs.SetRoots(workspaceRoots(p))
	// A client that never sends initialized, or never answers
	// workspace/configuration, holds analyses for settingsWait at most.
	time.AfterFunc(settingsWait, s.settingsKnown)
	s.mu.Lock()
	s.enc = enc
	if w := p.Capabilities.Workspace; w != nil {
		s.clientConfiguration = w.Configuration != nil && *w.Configuration
		s.watchFiles = w.DidChangeWatchedFiles != nil && w.DidChangeWatchedFiles.DynamicRegistration != nil && *w.DidChangeWatchedFiles.DynamicRegistration
	}
	s.edits = readClientEdits(p.Capabilities)
	s.features = readClientFeatures(p.Capabilities)
	resolve := s.edits.lazy
	s.state = running
	s.mu.Unlock()
	s.log.Info("initialize", zap.String("client", p.ClientInfo.Name), zap.String("positionEncoding", enc.String()))

	incremental := protocol.TextDocumentSyncKindIncremental
	openClose, prepareRename := true, true
	res := &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			PositionEncoding: protocol.PositionEncodingKind(enc.String()),
			TextDocumentSync: &protocol.TextDocumentSyncOptions{OpenClose: &openClose, Change: &incremental},
			HoverProvider:    protocol.Boolean(true),
			CompletionProvider: &protocol.CompletionOptions{
				TriggerCharacters: []string{"-", "=", "$", "{", ","},
			},
			DocumentSymbolProvider:    protocol.Boolean(true),
			FoldingRangeProvider:      protocol.Boolean(true),
			DocumentLinkProvider:      &protocol.DocumentLinkOptions{},
			DefinitionProvider:        protocol.Boolean(true),
			ReferencesProvider:        protocol.Boolean(true),
			DocumentHighlightProvider: protocol.Boolean(true),
			RenameProvider:            &protocol.RenameOptions{PrepareProvider: &prepareRename},
			CodeActionProvider: &protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, protocol.CodeActionKindRefactorRewrite, fixAllKind},
				ResolveProvider: &resolve,
			},
		},
		ServerInfo: protocol.ServerInfo{Name: "layerwise", Version: protocol.NewOptional(s.opts.Version)},
	}
	return res, nil
}

func handleDidOpen(s *Server, ctx context.Context, p *protocol.DidOpenTextDocumentParams) (any, error) {
	td := p.TextDocument
	d, fresh := s.docs.open(td.URI, td.Version, td.Text)
	if fresh {
		s.wg.Add(1)
		go s.analyzeLoop(d)
	}
	d.signal()
	return nil, nil
}

func handleDidChange(s *Server, ctx context.Context, p *protocol.DidChangeTextDocumentParams) (any, error) {
	d, ok := s.docs.get(p.TextDocument.URI)
	if !ok {
		return nil, fmt.Errorf("didChange for %s, which is not open", p.TextDocument.URI)
	}
	d.mu.Lock()
	text, problems := applyChanges(d.text, p.ContentChanges, s.encoding())
	d.text, d.version, d.outdated = text, p.TextDocument.Version, true
	d.changedLocked()
	d.mu.Unlock()
	for _, problem := range problems {
		msg := fmt.Sprintf("didChange %s (version %d): %s", p.TextDocument.URI, p.TextDocument.Version, problem)
		s.log.Warn(msg)
		s.logMessage(protocol.MessageTypeWarning, "layerwise: "+msg)
	}
	// Analysed on the document's own goroutine, never on the connection's:
	// it reads the disk (configuration, the build context), and the
	// connection must keep reading newer versions and cancellations.
	d.signal()
	return nil, nil
}

// workspaceRoots are the folders of the client's workspace, as paths: the
// workspace folders, else rootUri, else rootPath.
func workspaceRoots(p *protocol.InitializeParams) []string {
	var roots []string
	if folders, ok := p.WorkspaceFolders.Get(); ok {
		for _, f := range folders {
			if path, ok := filePath(f.URI); ok {
				roots = append(roots, path)
			}
		}
	}
	if len(roots) == 0 && p.RootURI != nil {
		if path, ok := filePath(*p.RootURI); ok {
			roots = append(roots, path)
		}
	}
	if rootPath, ok := p.RootPath.Get(); len(roots) == 0 && ok && rootPath != "" {
		roots = append(roots, rootPath)
	}
	return roots
}

func handleDidClose(s *Server, ctx context.Context, p *protocol.DidCloseTextDocumentParams) (any, error) {
	d, ok := s.docs.remove(p.TextDocument.URI)
	if !ok {
		return nil, fmt.Errorf("didClose for %s, which is not open", p.TextDocument.URI)
	}
	d.mu.Lock()
	d.closed = true
	d.changedLocked()
	// Clearing under the lock orders it after any publish of the last version.
	s.publish(ctx, &protocol.PublishDiagnosticsParams{URI: d.uri, Diagnostics: []protocol.Diagnostic{}})
	d.mu.Unlock()
	d.signal() // let the loop see closed and end
	return nil, nil
}

// analyzeLoop analyses each new version of d that is signalled to it.
func (s *Server) analyzeLoop(d *document) {
	defer s.wg.Done()
	for {
		select {
		case <-d.wake:
		case <-s.ctx.Done():
			return
		}
		if closed := s.analyzePending(d); closed {
			return
		}
	}
}

// analyzePending publishes the diagnostics of the current version of d if
// they are not out yet, analysing it unless a request already has (or is
// doing so); a newer version arriving meanwhile makes the result stale, and
// it is dropped. It reports whether d is closed.
func (s *Server) analyzePending(d *document) (closed bool) {
	closed, ok := d.pending()
	if closed || !ok {
		return closed
	}
	snap, closed := s.current(s.ctx, d)
	if closed || snap == nil {
		return closed
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return true
	}
	if d.analyzed == snap && d.publishedGen != d.analyzedGen {
		d.publishedGen = d.analyzedGen
		s.publish(s.ctx, &protocol.PublishDiagnosticsParams{
			URI:         d.uri,
			Version:     protocol.NewOptional(snap.Version),
			Diagnostics: s.diagnostics(snap),
		})
	}
	return false
}

// current returns the analysis of the current generation of d: the one
// done, the one under way (waiting for it), or a new one run here. Every
// request and the publishing loop share it, so concurrent requests on a
// large document cost one analysis. A change while it runs cancels it, and
// current tries again with the newer text; nil when ctx ends first.
func (s *Server) current(ctx context.Context, d *document) (snap *Snapshot, closed bool) {
	for ctx.Err() == nil {
		d.mu.Lock()
		if d.closed {
			d.mu.Unlock()
			return nil, true
		}
		if d.analyzed != nil && d.analyzedGen == d.gen {
			snap := d.analyzed
			d.mu.Unlock()
			return snap, false
		}
		run, owner := d.running, false
		if run == nil {
			runCtx, cancel := context.WithCancel(s.ctx)
			run = &analysisRun{gen: d.gen, ctx: runCtx, cancel: cancel, done: make(chan struct{})}
			d.running, owner = run, true
		}
		version, text := d.version, d.text
		d.mu.Unlock()
		if owner {
			s.execute(d, run, version, text)
		}
		select {
		case <-run.done:
			if run.snap != nil || run.failed {
				return run.snap, false // a panic would only come again
			}
		case <-ctx.Done():
		}
	}
	return nil, false
}

// execute runs the analysis of run and hands its result to whoever waits.
// However it ends, a panic included, the run is closed: no one waits for
// it forever, and the next caller starts another.
func (s *Server) execute(d *document, run *analysisRun, version int32, text string) {
	var snap *Snapshot
	defer func() {
		run.cancel() // its context is done with either way
		d.mu.Lock()
		if d.running == run {
			d.running = nil
		}
		if snap != nil && run.gen == d.gen {
			d.analyzed, d.analyzedGen = snap, run.gen
		}
		d.mu.Unlock()
		r := recover()
		run.snap, run.failed = snap, r != nil
		close(run.done)
		if r != nil {
			s.log.Error("analysis panicked", zap.String("uri", string(d.uri)), zap.Any("panic", r), zap.Stack("stack"))
		}
	}()
	snap = s.analyze(run.ctx, d, version, text)
}

// analyze parses and checks one version of a document; nil when ctx ends
// first (the result would be incomplete).
func (s *Server) analyze(ctx context.Context, d *document, version int32, text string) *Snapshot {
	u := d.uri
	var f *analysis.File
	var findings []analysis.Finding
	// What an analysis allocates sets how far the heap may grow between
	// collections (internal/gctune).
	s.awaitSettings(ctx)
	gctune.Observe(func() {
		f = analysis.ParseWith(text, d.cache)
		if ctx.Err() != nil {
			return
		}
		opts := s.projectOptions(u, f)
		opts.Done = ctx.Done()
		findings = analysis.AnalyzeWith(f, rules.All(), opts)
	})
	if ctx.Err() != nil {
		return nil
	}
	return &Snapshot{
		URI:      u,
		Version:  version,
		Text:     text,
		File:     f,
		Findings: findings,
		Mapper:   NewMapper(text, f.Lines, s.encoding()),
	}
}

// snapshot returns the analysed current version of uri, analysing it now if
// the background loop has not caught up yet.
func (s *Server) snapshot(ctx context.Context, u uri.URI) (*Snapshot, bool) {
	d, ok := s.docs.get(u)
	if !ok {
		return nil, false
	}
	snap, _ := s.current(ctx, d)
	return snap, snap != nil
}

func (s *Server) publish(ctx context.Context, p *protocol.PublishDiagnosticsParams) {
	if err := s.conn.Notify(ctx, protocol.MethodTextDocumentPublishDiagnostics, p); err != nil {
		s.log.Debug("publishDiagnostics failed", zap.Error(err))
	}
}

// diagnostics converts a snapshot's findings to LSP diagnostics.
func (s *Server) diagnostics(snap *Snapshot) []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(snap.Findings))
	for _, f := range snap.Findings {
		out = append(out, s.diagnostic(snap, f))
	}
	return out
}

// diagnostic converts one finding.
func (s *Server) diagnostic(snap *Snapshot, f analysis.Finding) protocol.Diagnostic {
	d := protocol.Diagnostic{
		Range:    snap.Mapper.Range(f.Range),
		Severity: protocol.DiagnosticSeverity(f.Severity),
		Code:     protocol.String(f.Code),
		Source:   protocol.NewOptional(f.Source),
		Message:  protocol.String(f.Message),
	}
	if f.URL != "" {
		d.CodeDescription = protocol.CodeDescription{Href: uri.URI(f.URL)}
	}
	for _, r := range f.Related {
		d.RelatedInformation = append(d.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: snap.URI, Range: snap.Mapper.Range(r.Range)},
			Message:  r.Message,
		})
	}
	return d
}

// handleHover explains the findings under the cursor (their rule docs) and
// what layerwise knows about the text there. An unknown document or a
// position outside the text gets an empty result.
func handleHover(s *Server, ctx context.Context, p *protocol.HoverParams) (any, error) {
	snap, pos, ok := s.position(ctx, p.TextDocumentPositionParams)
	if !ok {
		return nil, nil
	}
	if h := s.hoverAt(snap, pos); h != nil {
		return h, nil
	}
	return nil, nil
}

// findingDoc is the Markdown shown when hovering a finding.
func findingDoc(f *analysis.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** (%s): %s", f.Code, f.Source, f.Message)
	if rule, ok := rules.Lookup(f.Code); ok && rule.Doc != "" {
		b.WriteString("\n\n")
		b.WriteString(rule.Doc)
	}
	if f.URL != "" {
		fmt.Fprintf(&b, "\n\n[Documentation](%s)", f.URL)
	}
	return b.String()
}
