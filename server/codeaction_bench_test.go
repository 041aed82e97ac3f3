package server

import (
	"context"
	"fmt"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/layerwise/layerwise/internal/benchgen"
	"github.com/layerwise/layerwise/project"
)

// BenchmarkCodeAction is textDocument/codeAction with the cursor on a
// finding and no `only` filter, as an editor asks on every cursor move:
// for a client that resolves actions (lazy: fix-all is offered, not
// computed) and for one that cannot (eager: fix-all's edit is computed).
func BenchmarkCodeAction(b *testing.B) {
	for _, n := range []int{200, 8000} {
		text := benchgen.Dockerfile(n)
		for _, lazy := range []bool{true, false} {
			s := &Server{ctx: context.Background(), log: zap.NewNop(), docs: newStore(), configs: project.NewLoader(), edits: clientEdits{lazy: lazy}}
			u := uri.URI("untitled:Dockerfile")
			d, _ := s.docs.open(u, 1, text)
			snap, _ := s.current(context.Background(), d)
			var at protocol.Position
			found := false
			for _, fd := range snap.Findings {
				if fd.Code == "apt-update-alone" {
					at, found = snap.Mapper.Position(fd.Range.Start), true
					break
				}
			}
			if !found {
				b.Fatal("no apt-update-alone finding in the benchmark file")
			}
			params := &protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Range: protocol.Range{Start: at, End: at}}
			mode := "eager"
			if lazy {
				mode = "lazy"
			}
			b.Run(fmt.Sprintf("lines=%d/%s", n, mode), func(b *testing.B) {
				for b.Loop() {
					res, err := handleCodeAction(s, context.Background(), params)
					if err != nil || len(res.([]protocol.CodeAction)) < 2 {
						b.Fatalf("codeAction: %v, %d actions", err, len(res.([]protocol.CodeAction)))
					}
				}
			})
		}
	}
}
