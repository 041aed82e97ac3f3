package server

import (
	"context"
	"fmt"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
	"github.com/layerwise/layerwise/internal/gctune"
)

func handleInitialize(s *Server, _ context.Context, p *protocol.InitializeParams) (any, error) {
	var offered []protocol.PositionEncodingKind
	if g := p.Capabilities.General; g != nil {
		offered = g.PositionEncodings
	}
	enc := negotiateEncoding(offered)
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

func handleDidOpen(s *Server, _ context.Context, p *protocol.DidOpenTextDocumentParams) (any, error) {
	td := p.TextDocument
	d, fresh := s.docs.open(td.URI, td.Version, td.Text)
	if fresh {
		s.wg.Add(1)
		go s.analyzeLoop(d)
	}
	d.signal()
	return nil, nil
}

func handleDidChange(s *Server, _ context.Context, p *protocol.DidChangeTextDocumentParams) (any, error) {
	d, ok := s.docs.get(p.TextDocument.URI)
	if !ok {
		return nil, fmt.Errorf("didChange for %s, which is not open", p.TextDocument.URI)
	}
	d.mu.Lock()
	text, problems := applyChanges(d.text, p.ContentChanges, s.encoding())
	d.text, d.version, d.outdated = text, p.TextDocument.Version, true
	// Requests never use a stale snapshot (they analyse the current
	// version themselves), so let it go before the next analysis.
	d.analyzed = nil
	d.mu.Unlock()
	for _, problem := range problems {
		msg := fmt.Sprintf("didChange %s (version %d): %s", p.TextDocument.URI, p.TextDocument.Version, problem)
		s.log.Warn(msg)
		s.logMessage(protocol.MessageTypeWarning, "layerwise: "+msg)
	}
	if len(text) <= inlineAnalysisLimit {
		s.analyzePending(d)
		return nil, nil
	}
	d.signal()
	return nil, nil
}

// inlineAnalysisLimit is the size of document that a change analyses on the
// connection's own goroutine: about a thousand lines, which take well under
// a millisecond, less than handing the work to the document's analysis
// loop. A larger document goes to the loop, so the connection keeps reading
// (newer versions, cancellations) while it is analysed.
const inlineAnalysisLimit = 32 << 10

func handleDidClose(s *Server, ctx context.Context, p *protocol.DidCloseTextDocumentParams) (any, error) {
	d, ok := s.docs.remove(p.TextDocument.URI)
	if !ok {
		return nil, fmt.Errorf("didClose for %s, which is not open", p.TextDocument.URI)
	}
	d.mu.Lock()
	d.closed = true
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

// analyzePending analyses the version of d not analysed yet, if any, and
// publishes its diagnostics unless a newer version arrived meanwhile (then
// the result is stale and dropped). It reports whether d is closed.
func (s *Server) analyzePending(d *document) (closed bool) {
	version, text, closed, ok := d.pending()
	if closed || !ok {
		return closed
	}
	snap := s.analyze(d, version, text)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return true
	}
	if d.version == version {
		d.analyzed = snap
		s.publish(s.ctx, &protocol.PublishDiagnosticsParams{
			URI:         d.uri,
			Version:     protocol.NewOptional(version),
			Diagnostics: s.diagnostics(snap),
		})
	}
	return false
}

// analyze parses and checks one version of a document.
func (s *Server) analyze(d *document, version int32, text string) *Snapshot {
	u := d.uri
	var f *analysis.File
	var findings []analysis.Finding
	// What an analysis allocates sets how far the heap may grow between
	// collections (internal/gctune).
	gctune.Observe(func() {
		f = analysis.ParseWith(text, d.cache)
		findings = analysis.AnalyzeWith(f, rules.All(), s.projectOptions(u, f))
	})
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
func (s *Server) snapshot(u uri.URI) (*Snapshot, bool) {
	d, ok := s.docs.get(u)
	if !ok {
		return nil, false
	}
	d.mu.Lock()
	snap, version, text := d.analyzed, d.version, d.text
	d.mu.Unlock()
	if snap != nil && snap.Version == version {
		return snap, true
	}
	return s.analyze(d, version, text), true
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
func handleHover(s *Server, _ context.Context, p *protocol.HoverParams) (any, error) {
	snap, pos, ok := s.position(p.TextDocumentPositionParams)
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
