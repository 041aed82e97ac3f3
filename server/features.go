package server

import (
	"context"
	"regexp"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/ide"
	"github.com/layerwise/layerwise/analysis/rules"
)

// The editor features (hover docs, completion, outline, folding, links,
// definition, references, highlights, rename) translate between protocol
// types and package analysis, which answers from the analysed snapshot of the
// current version. An unknown document or a position outside the text gets an
// empty result, never an error.

// clientFeatures is what the client said it can display.
type clientFeatures struct {
	plainHover bool // hover contents as plain text
	plainDocs  bool // completion documentation as plain text
	snippets   bool // completion insert text may be a snippet
}

// readClientFeatures reads the client capabilities the features depend on.
func readClientFeatures(caps protocol.ClientCapabilities) clientFeatures {
	var c clientFeatures
	td := caps.TextDocument
	if td == nil {
		return c
	}
	if td.Hover != nil {
		c.plainHover = prefersPlain(td.Hover.ContentFormat)
	}
	if cc := td.Completion; cc != nil && cc.CompletionItem != nil {
		c.snippets = cc.CompletionItem.SnippetSupport != nil && *cc.CompletionItem.SnippetSupport
		c.plainDocs = prefersPlain(cc.CompletionItem.DocumentationFormat)
	}
	return c
}

// prefersPlain reports whether a client's list of formats (most preferred
// first) rules Markdown out. An empty list means the client did not say,
// and every client renders Markdown as readable text anyway.
func prefersPlain(formats []protocol.MarkupKind) bool {
	for _, f := range formats {
		if f == protocol.MarkupKindMarkdown {
			return false
		}
	}
	return len(formats) > 0
}

func (s *Server) clientFeatures() clientFeatures {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.features
}

// markup wraps Markdown for the client, as plain text when it asked for it.
func markup(md string, plain bool) *protocol.MarkupContent {
	if plain {
		return &protocol.MarkupContent{Kind: protocol.MarkupKindPlainText, Value: plainText(md)}
	}
	return &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: md}
}

var (
	mdLink   = regexp.MustCompile(`\[([^\]]*)\]\(([^)]*)\)`)
	mdStrong = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	mdCode   = regexp.MustCompile("`([^`]+)`")
)

// plainText renders the Markdown layerwise writes as plain text: fences and
// emphasis dropped, links spelled out.
func plainText(md string) string {
	var b strings.Builder
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			continue
		}
		if line == "---" {
			line = strings.Repeat("-", 20)
		}
		line = mdLink.ReplaceAllStringFunc(line, func(m string) string {
			sub := mdLink.FindStringSubmatch(m)
			if sub[1] == sub[2] {
				return sub[2]
			}
			return sub[1] + " (" + sub[2] + ")"
		})
		line = mdStrong.ReplaceAllString(line, "$1")
		line = mdCode.ReplaceAllString(line, "$1")
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}

// position resolves a request's document and position; ok is false for an
// unknown document or a line outside the text.
func (s *Server) position(ctx context.Context, p protocol.TextDocumentPositionParams) (*Snapshot, analysis.Pos, bool) {
	snap, ok := s.snapshot(ctx, p.TextDocument.URI)
	if !ok {
		return nil, analysis.Pos{}, false
	}
	pos, ok := snap.Mapper.Pos(p.Position)
	return snap, pos, ok
}

func handleCompletion(s *Server, ctx context.Context, p *protocol.CompletionParams) (any, error) {
	snap, pos, ok := s.position(ctx, p.TextDocumentPositionParams)
	if !ok {
		return protocol.CompletionItemSlice{}, nil
	}
	feats := s.clientFeatures()
	items := ide.Complete(snap.File, int(pos.Offset), rules.All())
	out := make([]protocol.CompletionItem, 0, len(items))
	for i, it := range items {
		ci := protocol.CompletionItem{
			Label:    it.Label,
			Kind:     completionKind(it.Kind),
			SortText: protocol.NewOptional(sortKey(i)),
		}
		if it.Detail != "" {
			ci.Detail = protocol.NewOptional(it.Detail)
		}
		if it.Doc != "" {
			ci.Documentation = markup(it.Doc, feats.plainDocs)
		}
		text := it.Insert
		ci.InsertTextFormat = protocol.InsertTextFormatPlainText
		if it.Snippet {
			if feats.snippets {
				ci.InsertTextFormat = protocol.InsertTextFormatSnippet
			} else {
				text = snippetText(text)
			}
		}
		ci.TextEdit = &protocol.TextEdit{Range: snap.Mapper.Range(it.Replace), NewText: text}
		out = append(out, ci)
	}
	return &protocol.CompletionList{IsIncomplete: false, Items: out}, nil
}

// sortKey keeps analysis's order: it lists the likeliest items first.
func sortKey(i int) string {
	const digits = "0123456789"
	return string([]byte{digits[i/1000%10], digits[i/100%10], digits[i/10%10], digits[i%10]})
}

func completionKind(k ide.CompletionKind) protocol.CompletionItemKind {
	switch k {
	case ide.CompleteKeyword:
		return protocol.CompletionItemKindKeyword
	case ide.CompleteFlag:
		return protocol.CompletionItemKindProperty
	case ide.CompleteValue:
		return protocol.CompletionItemKindEnumMember
	case ide.CompleteVariable:
		return protocol.CompletionItemKindVariable
	case ide.CompleteStage:
		return protocol.CompletionItemKindModule
	case ide.CompleteDirective:
		return protocol.CompletionItemKindSnippet
	case ide.CompleteRule:
		return protocol.CompletionItemKindConstant
	}
	return protocol.CompletionItemKindText
}

// snippetText turns an LSP snippet into the text it inserts by default, for
// clients without snippet support: `${1:x}` becomes x, `${1|a,b|}` becomes
// a, `$1` disappears.
func snippetText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == '$' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			for i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				i++
			}
		case c == '$' && i+1 < len(s) && s[i+1] == '{':
			end := matchingBrace(s, i+1)
			inner := s[i+2 : min(end, len(s))]
			for len(inner) > 0 && inner[0] >= '0' && inner[0] <= '9' {
				inner = inner[1:]
			}
			switch {
			case strings.HasPrefix(inner, ":"):
				b.WriteString(snippetText(inner[1:]))
			case strings.HasPrefix(inner, "|"):
				choice, _, _ := strings.Cut(strings.Trim(inner, "|"), ",")
				b.WriteString(choice)
			}
			i = end
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// matchingBrace is the index of the '}' closing the '{' at open, or len(s).
func matchingBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(s)
}

func handleDocumentSymbol(s *Server, ctx context.Context, p *protocol.DocumentSymbolParams) (any, error) {
	snap, ok := s.snapshot(ctx, p.TextDocument.URI)
	if !ok {
		return protocol.DocumentSymbolSlice{}, nil
	}
	return documentSymbols(snap, ide.DocumentSymbols(snap.File)), nil
}

func documentSymbols(snap *Snapshot, syms []ide.Symbol) protocol.DocumentSymbolSlice {
	out := make(protocol.DocumentSymbolSlice, 0, len(syms))
	for _, sym := range syms {
		ds := protocol.DocumentSymbol{
			Name:           sym.Name,
			Kind:           symbolKind(sym),
			Range:          snap.Mapper.Range(sym.Range),
			SelectionRange: snap.Mapper.Range(sym.Selection),
		}
		if sym.Detail != "" {
			detail := sym.Detail
			ds.Detail = &detail
		}
		if len(sym.Children) > 0 {
			ds.Children = documentSymbols(snap, sym.Children)
		}
		out = append(out, ds)
	}
	return out
}

func symbolKind(sym ide.Symbol) protocol.SymbolKind {
	switch {
	case sym.Kind == ide.SymbolStage:
		return protocol.SymbolKindClass
	case sym.Kind == ide.SymbolVariable:
		return protocol.SymbolKindVariable
	case sym.Keyword == "cmd" || sym.Keyword == "entrypoint" || sym.Keyword == "healthcheck":
		return protocol.SymbolKindEvent
	case sym.Keyword == "label" || sym.Keyword == "expose" || sym.Keyword == "user" || sym.Keyword == "workdir":
		return protocol.SymbolKindProperty
	}
	return protocol.SymbolKindFunction
}

func handleFoldingRange(s *Server, ctx context.Context, p *protocol.FoldingRangeParams) (any, error) {
	snap, ok := s.snapshot(ctx, p.TextDocument.URI)
	if !ok {
		return []protocol.FoldingRange{}, nil
	}
	folds := ide.FoldingRanges(snap.File)
	out := make([]protocol.FoldingRange, 0, len(folds))
	for _, f := range folds {
		kind := protocol.FoldingRangeKindRegion
		if f.Kind == ide.FoldComment {
			kind = protocol.FoldingRangeKindComment
		}
		out = append(out, protocol.FoldingRange{StartLine: uint32(f.StartLine), EndLine: uint32(f.EndLine), Kind: kind})
	}
	return out, nil
}

func handleDocumentLink(s *Server, ctx context.Context, p *protocol.DocumentLinkParams) (any, error) {
	snap, ok := s.snapshot(ctx, p.TextDocument.URI)
	if !ok {
		return []protocol.DocumentLink{}, nil
	}
	links := ide.DocumentLinks(snap.File)
	out := make([]protocol.DocumentLink, 0, len(links))
	for _, l := range links {
		target := uri.URI(l.Target)
		out = append(out, protocol.DocumentLink{Range: snap.Mapper.Range(l.Range), Target: &target})
	}
	return out, nil
}

func handleDefinition(s *Server, ctx context.Context, p *protocol.DefinitionParams) (any, error) {
	snap, pos, ok := s.position(ctx, p.TextDocumentPositionParams)
	if !ok {
		return protocol.LocationSlice{}, nil
	}
	defs := ide.Definition(snap.File, int(pos.Offset))
	out := make(protocol.LocationSlice, 0, len(defs))
	for _, r := range defs {
		out = append(out, protocol.Location{URI: snap.URI, Range: snap.Mapper.Range(r)})
	}
	return out, nil
}

func handleReferences(s *Server, ctx context.Context, p *protocol.ReferenceParams) (any, error) {
	snap, pos, ok := s.position(ctx, p.TextDocumentPositionParams)
	if !ok {
		return protocol.LocationSlice{}, nil
	}
	refs := ide.References(snap.File, int(pos.Offset), p.Context.IncludeDeclaration)
	out := make(protocol.LocationSlice, 0, len(refs))
	for _, o := range refs {
		out = append(out, protocol.Location{URI: snap.URI, Range: snap.Mapper.Range(o.Range)})
	}
	return out, nil
}

func handleDocumentHighlight(s *Server, ctx context.Context, p *protocol.DocumentHighlightParams) (any, error) {
	snap, pos, ok := s.position(ctx, p.TextDocumentPositionParams)
	if !ok {
		return []protocol.DocumentHighlight{}, nil
	}
	occ := ide.Highlights(snap.File, int(pos.Offset))
	out := make([]protocol.DocumentHighlight, 0, len(occ))
	for _, o := range occ {
		kind := protocol.DocumentHighlightKindRead
		if o.Def {
			kind = protocol.DocumentHighlightKindWrite
		}
		out = append(out, protocol.DocumentHighlight{Range: snap.Mapper.Range(o.Range), Kind: kind})
	}
	return out, nil
}

func handlePrepareRename(s *Server, ctx context.Context, p *protocol.PrepareRenameParams) (any, error) {
	snap, pos, ok := s.position(ctx, p.TextDocumentPositionParams)
	if !ok {
		return nil, nil
	}
	r, name, ok := ide.PrepareRename(snap.File, int(pos.Offset))
	if !ok {
		return nil, nil
	}
	return &protocol.PrepareRenamePlaceholder{Range: snap.Mapper.Range(r), Placeholder: name}, nil
}

func handleRename(s *Server, ctx context.Context, p *protocol.RenameParams) (any, error) {
	snap, pos, ok := s.position(ctx, p.TextDocumentPositionParams)
	if !ok {
		return nil, nil
	}
	if _, _, ok := ide.PrepareRename(snap.File, int(pos.Offset)); !ok {
		return nil, nil
	}
	edits, err := ide.Rename(snap.File, int(pos.Offset), p.NewName)
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "rename: %v", err)
	}
	out := make([]protocol.TextEdit, 0, len(edits))
	for _, e := range edits {
		out = append(out, protocol.TextEdit{Range: snap.Mapper.Range(e.Range), NewText: e.NewText})
	}
	return &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{snap.URI: out}}, nil
}

// hoverAt explains what is under pos: the findings there (their rule docs)
// and what layerwise knows about the text itself.
func (s *Server) hoverAt(snap *Snapshot, pos analysis.Pos) *protocol.Hover {
	var parts []string
	var r *analysis.Range
	for i := range snap.Findings {
		f := &snap.Findings[i]
		if f.Range.Contains(int(pos.Offset)) && pos.Line >= f.Range.Start.Line && pos.Line <= f.Range.End.Line {
			if r == nil {
				r = &f.Range
			}
			parts = append(parts, findingDoc(f))
		}
	}
	if md, docRange, ok := ide.Hover(snap.File, int(pos.Offset), rules.All()); ok {
		parts = append(parts, md)
		if r == nil {
			r = &docRange
		}
	}
	if len(parts) == 0 {
		return nil
	}
	pr := snap.Mapper.Range(*r)
	return &protocol.Hover{
		Contents: markup(strings.Join(parts, "\n\n---\n\n"), s.clientFeatures().plainHover),
		Range:    &pr,
	}
}
