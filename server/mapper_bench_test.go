package server

import (
	"fmt"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
	"github.com/layerwise/layerwise/internal/benchgen"
)

// BenchmarkMapper converts every finding of a file to UTF-16 ranges and
// back, as publishing diagnostics and answering requests do. Every RUN
// starts with a no-op holding multi-byte characters, before the columns of
// the findings on its line.
func BenchmarkMapper(b *testing.B) {
	for _, n := range []int{200, 8000} {
		text := strings.ReplaceAll(benchgen.Dockerfile(n), "RUN ", "RUN : 日🐳 && ")
		f := analysis.Parse(text)
		findings := analysis.AnalyzeWith(f, rules.All(), analysis.Options{StrictScope: true})
		for _, enc := range []Encoding{UTF16, UTF8} {
			b.Run(fmt.Sprintf("lines=%d/%s", n, enc), func(b *testing.B) {
				m := NewMapper(text, f.Lines, enc)
				for b.Loop() {
					for _, fd := range findings {
						r := m.Range(fd.Range)
						if _, ok := m.Offset(protocol.Position{Line: r.End.Line, Character: r.End.Character}); !ok {
							b.Fatal("no offset for a range the mapper made")
						}
					}
				}
				b.ReportMetric(float64(len(findings)), "ranges/op")
			})
		}
	}
}
