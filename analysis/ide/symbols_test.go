package ide

import (
	"fmt"
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
)

func TestDocumentSymbols(t *testing.T) {
	src := "ARG V=1\nFROM golang:1.22 AS build\nRUN go build \\\n    ./...\nFROM alpine\nCOPY --from=build /a /b\nCMD [\"/b\"]\n"
	var got []string
	var walk func(prefix string, syms []Symbol)
	walk = func(prefix string, syms []Symbol) {
		for _, s := range syms {
			got = append(got, fmt.Sprintf("%s%s [%s] %d-%d sel=%q", prefix, s.Name, s.Detail, int(s.Range.Start.Line), int(s.Range.End.Line),
				src[s.Selection.Start.Offset:int(s.Selection.End.Offset)]))
			walk(prefix+"  ", s.Children)
		}
	}
	walk("", DocumentSymbols(analysis.Parse(src)))
	want := []string{
		`ARG [V=1] 0-0 sel="ARG"`,
		`build [FROM golang:1.22] 1-3 sel="build"`,
		`  RUN [go build     ./...] 2-3 sel="RUN"`,
		`stage 1 [FROM alpine] 4-6 sel="FROM"`,
		`  COPY [--from=build /a /b] 5-5 sel="COPY"`,
		`  CMD [["/b"]] 6-6 sel="CMD"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("symbols:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFoldingRanges(t *testing.T) {
	src := "# a\n# b\nFROM alpine AS a\nRUN one \\\n    two\nCOPY <<EOF /x\nhello\nEOF\nFROM a\nRUN x\n"
	var got []string
	for _, fr := range FoldingRanges(analysis.Parse(src)) {
		got = append(got, fmt.Sprintf("%d-%d %s", fr.StartLine, fr.EndLine, fr.Kind))
	}
	want := "2-7 region 8-9 region 3-4 region 5-7 region 0-1 comment"
	if strings.Join(got, " ") != want {
		t.Errorf("folds = %q, want %q", strings.Join(got, " "), want)
	}
}

func TestDocumentLinks(t *testing.T) {
	src := "ARG TAG=3.12\nFROM python:${TAG} AS a\nFROM bitnami/redis:7\nFROM ghcr.io/org/tool:v1\nFROM quay.io/prometheus/node-exporter\n" +
		"FROM mcr.microsoft.com/dotnet/sdk:8.0\nFROM gcr.io/distroless/static\nFROM docker.io/library/nginx\nFROM a\nFROM scratch\nFROM example.com/x/y\n"
	var got []string
	for _, l := range DocumentLinks(analysis.Parse(src)) {
		got = append(got, src[l.Range.Start.Offset:int(l.Range.End.Offset)]+" "+l.Target)
	}
	want := []string{
		"python:${TAG} https://hub.docker.com/_/python",
		"bitnami/redis:7 https://hub.docker.com/r/bitnami/redis",
		"ghcr.io/org/tool:v1 https://ghcr.io/org/tool",
		"quay.io/prometheus/node-exporter https://quay.io/repository/prometheus/node-exporter",
		"mcr.microsoft.com/dotnet/sdk:8.0 https://mcr.microsoft.com/artifact/mar/dotnet/sdk",
		"gcr.io/distroless/static https://console.cloud.google.com/gcr/images/distroless/global/static",
		"docker.io/library/nginx https://hub.docker.com/_/nginx",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
