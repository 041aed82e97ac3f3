package server

import (
	"context"
	"encoding/json"
	"path"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/layerwise/layerwise/analysis/rules"
	"github.com/layerwise/layerwise/fixes"
)

// fixAllKind is the code action kind editors run on save to apply every safe
// fix ("editor.codeActionsOnSave": {"source.fixAll.layerwise": "explicit"}).
const fixAllKind = protocol.CodeActionKind("source.fixAll.layerwise")

// clientEdits records what the client can do with code actions.
type clientEdits struct {
	lazy       bool // resolves `edit` through codeAction/resolve
	docChanges bool // takes documentChanges, which carry the document's version
	createFile bool // accepts CreateFile in a WorkspaceEdit
}

func readClientEdits(caps protocol.ClientCapabilities) clientEdits {
	var c clientEdits
	if td := caps.TextDocument; td != nil && td.CodeAction != nil {
		for _, p := range td.CodeAction.ResolveSupport.Properties {
			c.lazy = c.lazy || p == "edit"
		}
	}
	if ws := caps.Workspace; ws != nil && ws.WorkspaceEdit != nil {
		c.docChanges = ws.WorkspaceEdit.DocumentChanges != nil && *ws.WorkspaceEdit.DocumentChanges
		for _, k := range ws.WorkspaceEdit.ResourceOperations {
			c.createFile = c.createFile || (c.docChanges && k == protocol.ResourceOperationKindCreate)
		}
	}
	return c
}

// actionData is what a lazily resolved action carries back to the server.
type actionData struct {
	URI     string `json:"uri"` // as the client sent it: uri.URI would normalise it
	Version int32  `json:"version"`
	Code    string `json:"code"`
	Start   int    `json:"start"` // byte offset of the finding
	Title   string `json:"title"`
	FixAll  bool   `json:"fixAll,omitempty"`
}

func wants(only []protocol.CodeActionKind, kind protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(string(kind), string(o)+".") {
			return true
		}
	}
	return false
}

func handleCodeAction(s *Server, ctx context.Context, p *protocol.CodeActionParams) (any, error) {
	snap, ok := s.snapshot(ctx, p.TextDocument.URI)
	if !ok {
		return []protocol.CodeAction{}, nil
	}
	start, _ := snap.Mapper.Offset(p.Range.Start)
	end, _ := snap.Mapper.Offset(p.Range.End)
	caps := s.editCaps()
	only := p.Context.Only
	actions := []protocol.CodeAction{}
	for _, fd := range snap.Findings {
		if int(fd.Range.End.Offset) < start || int(fd.Range.Start.Offset) > end {
			continue
		}
		for _, fx := range fixes.For(snap.File, fd) {
			kind := protocol.CodeActionKind(fx.Kind)
			if !wants(only, kind) || (len(fx.Create) > 0 && !caps.createFile) {
				continue
			}
			a := protocol.CodeAction{
				Title:       fx.Title,
				Kind:        &kind,
				Diagnostics: []protocol.Diagnostic{s.diagnostic(snap, fd)},
			}
			if fx.Preferred {
				t := true
				a.IsPreferred = &t
			}
			data := actionData{URI: string(snap.URI), Version: snap.Version, Code: fd.Code, Start: int(fd.Range.Start.Offset), Title: fx.Title}
			if caps.lazy {
				a.Data, _ = json.Marshal(data)
			} else {
				a.Edit = s.workspaceEdit(snap, fx)
			}
			actions = append(actions, a)
		}
		if ctx.Err() != nil {
			return nil, protocol.ErrRequestCancelled
		}
	}
	if wants(only, fixAllKind) && (len(only) > 0 || len(actions) > 0) {
		if a, ok := s.fixAllAction(snap, caps.lazy); ok {
			actions = append(actions, a)
		}
	}
	return actions, nil
}

// fixAllAction applies every preferred quick fix at once, as one edit. A
// client that resolves actions gets it without the edit, which only
// codeAction/resolve computes: the cursor moves often, fix-all is asked for
// rarely, and on a long file it costs hundreds of milliseconds.
func (s *Server) fixAllAction(snap *Snapshot, lazy bool) (protocol.CodeAction, bool) {
	kind := fixAllKind
	a := protocol.CodeAction{Title: "Fix all layerwise findings", Kind: &kind}
	if lazy {
		if !fixes.HasSafeFix(snap.File, snap.Findings) {
			return a, false
		}
		a.Data, _ = json.Marshal(actionData{URI: string(snap.URI), Version: snap.Version, Title: a.Title, FixAll: true})
		return a, true
	}
	edit, ok := s.fixAllEdit(snap)
	if !ok {
		return a, false
	}
	a.Edit = edit
	return a, true
}

// fixAllEdit is fix-all on the snapshot, as one edit. Its first round is the
// snapshot's own analysis; the later ones parse through the document's
// cache.
func (s *Server) fixAllEdit(snap *Snapshot) (*protocol.WorkspaceEdit, bool) {
	analyzer := fixes.Analyzer{Rules: rules.All(), Options: s.projectOptions(snap.URI, snap.File)}
	if d, ok := s.docs.get(snap.URI); ok {
		analyzer.Cache = d.cache
	}
	fixed := fixes.AllFrom(snap.File, snap.Findings, analyzer)
	edits := fixes.Diffs(snap.Text, fixed)
	if len(edits) == 0 {
		return nil, false
	}
	return s.workspaceEdit(snap, fixes.Fix{Edits: edits}), true
}

func handleCodeActionResolve(s *Server, ctx context.Context, a *protocol.CodeAction) (any, error) {
	var data actionData
	if err := json.Unmarshal(a.Data, &data); err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "code action without layerwise data: %v", err)
	}
	snap, ok := s.snapshot(ctx, uri.URI(data.URI))
	if !ok || snap.Version != data.Version {
		return nil, jsonrpc2.Errorf(protocol.CodeContentModified, "the document changed; ask for code actions again")
	}
	if data.FixAll {
		edit, ok := s.fixAllEdit(snap)
		if !ok {
			return nil, jsonrpc2.Errorf(protocol.CodeContentModified, "nothing left to fix")
		}
		a.Edit = edit
		return a, nil
	}
	for _, fd := range snap.Findings {
		if fd.Code != data.Code || int(fd.Range.Start.Offset) != data.Start {
			continue
		}
		for _, fx := range fixes.For(snap.File, fd) {
			if fx.Title == data.Title {
				a.Edit = s.workspaceEdit(snap, fx)
				return a, nil
			}
		}
	}
	return nil, jsonrpc2.Errorf(protocol.CodeContentModified, "the finding is gone; ask for code actions again")
}

// workspaceEdit converts a fix to LSP, creating files first when asked.
func (s *Server) workspaceEdit(snap *Snapshot, fx fixes.Fix) *protocol.WorkspaceEdit {
	edits := make([]protocol.TextEdit, 0, len(fx.Edits))
	for _, e := range fx.Edits {
		edits = append(edits, protocol.TextEdit{
			Range:   snap.Mapper.Range(snap.File.Lines.Range(e.Start, e.End)),
			NewText: e.NewText,
		})
	}
	caps := s.editCaps()
	if len(fx.Create) == 0 && !caps.docChanges {
		return &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{snap.URI: edits}}
	}
	var changes []protocol.DocumentChange
	for _, c := range fx.Create {
		target, ok := siblingURI(snap.URI, c.Name)
		if !ok {
			continue // not a file URI, or not a plain file name: nothing to create
		}
		ignore := true
		changes = append(changes,
			&protocol.CreateFile{Kind: "create", URI: target, Options: &protocol.CreateFileOptions{IgnoreIfExists: &ignore}},
			&protocol.TextDocumentEdit{
				TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: target}},
				Edits:        []protocol.TextDocumentEditElement{&protocol.TextEdit{NewText: c.Content}},
			})
	}
	if len(edits) > 0 {
		version := snap.Version
		elems := make([]protocol.TextDocumentEditElement, len(edits))
		for i := range edits {
			elems[i] = &edits[i]
		}
		changes = append(changes, &protocol.TextDocumentEdit{
			TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: snap.URI}, Version: &version},
			Edits:        elems,
		})
	}
	return &protocol.WorkspaceEdit{DocumentChanges: changes}
}

// siblingURI is the URI of the file named name in the folder of the file at
// u: the path parsed out of u (host, drive letter, percent-escapes and all)
// and rebuilt with name as its last element, never outside that folder.
func siblingURI(u uri.URI, name string) (uri.URI, bool) {
	if name == "" || name != path.Base(name) || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return "", false
	}
	parsed, err := uri.Parse(string(u))
	if err != nil || parsed.Scheme() != "file" {
		return "", false
	}
	c := parsed.Components()
	c.Path = path.Join(path.Dir(c.Path), name)
	c.Query, c.Fragment = "", ""
	target, err := uri.From(c)
	return target, err == nil
}

func (s *Server) editCaps() clientEdits {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.edits
}
