package ide

import (
	"fmt"
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
)

// benchDockerfile generates a multi-stage Dockerfile of about n lines.
func benchDockerfile(n int) string {
	var b strings.Builder
	b.WriteString("# syntax=docker/dockerfile:1\nARG GO=1.22\nARG BASE=alpine:3.19\n")
	lines := 3
	for stage := 0; lines < n; stage++ {
		fmt.Fprintf(&b, "FROM golang:${GO} AS build%d\n", stage)
		fmt.Fprintf(&b, "ARG GO\nENV OUT%d=/out/%d CGO_ENABLED=0\nWORKDIR /src/%d\n", stage, stage, stage)
		b.WriteString("COPY go.mod go.sum ./\n")
		b.WriteString("RUN --mount=type=cache,target=/root/.cache/go-build \\\n    --mount=type=cache,target=/go/pkg/mod \\\n    go mod download\n")
		lines += 8
		for i := 0; i < 20 && lines < n; i++ {
			fmt.Fprintf(&b, "# step %d\nRUN go build -o $OUT%d/app%d ./cmd/app%d && \\\n    echo ${GO} done\n", i, stage, i, i)
			lines += 3
		}
		fmt.Fprintf(&b, "FROM ${BASE} AS final%d\nCOPY --from=build%d /out /app\nCMD [\"/app/app0\"]\n", stage, stage)
		lines += 3
	}
	return b.String()
}

func benchFile(b *testing.B) (*analysis.File, string) {
	src := benchDockerfile(1500)
	if got := strings.Count(src, "\n"); got < 1500 {
		b.Fatalf("generated %d lines", got)
	}
	return analysis.Parse(src), src
}

// lastIndex is the offset n bytes into the last occurrence of marker: the
// end of the file, the worst case for anything that scans.
func lastIndex(src, marker string, n int) int { return strings.LastIndex(src, marker) + n }

func BenchmarkHover(b *testing.B) {
	f, src := benchFile(b)
	for _, tc := range []struct {
		name   string
		offset int
	}{
		{"keyword", lastIndex(src, "RUN go build", 1)},
		{"mount", lastIndex(src, "type=cache", 6)},
		{"variable", lastIndex(src, "${GO} done", 3)},
		{"stage", lastIndex(src, "--from=build", 8)},
		{"image", lastIndex(src, "FROM ${BASE}", 7)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, ok := Hover(f, tc.offset, all); !ok {
					b.Fatal("no hover")
				}
			}
		})
	}
}

func BenchmarkComplete(b *testing.B) {
	f, src := benchFile(b)
	for _, tc := range []struct {
		name   string
		offset int
	}{
		{"instruction", lastIndex(src, "\nRUN go build", 2)},
		{"flag", lastIndex(src, "--mount", 2)},
		{"from", lastIndex(src, "--from=", 7)},
		{"variable", lastIndex(src, "${GO} done", 2)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if len(Complete(f, tc.offset, all)) == 0 {
					b.Fatal("no completion")
				}
			}
		})
	}
}

func BenchmarkDocumentSymbols(b *testing.B) {
	f, _ := benchFile(b)
	for b.Loop() {
		DocumentSymbols(f)
	}
}

func BenchmarkFoldingRanges(b *testing.B) {
	f, _ := benchFile(b)
	for b.Loop() {
		FoldingRanges(f)
	}
}

func BenchmarkDocumentLinks(b *testing.B) {
	f, _ := benchFile(b)
	for b.Loop() {
		DocumentLinks(f)
	}
}

func BenchmarkReferences(b *testing.B) {
	f, src := benchFile(b)
	for _, tc := range []struct {
		name   string
		offset int
	}{
		{"stage", lastIndex(src, "--from=build", 8)},
		{"variable", lastIndex(src, "${GO} done", 3)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if len(References(f, tc.offset, true)) == 0 {
					b.Fatal("no references")
				}
			}
		})
	}
}

func BenchmarkDefinition(b *testing.B) {
	f, src := benchFile(b)
	off := lastIndex(src, "${GO} done", 3)
	for b.Loop() {
		if len(Definition(f, off)) == 0 {
			b.Fatal("no definition")
		}
	}
}
