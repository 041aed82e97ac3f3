package ide

import (
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
)

// completeAt completes at the "|" in src.
func completeAt(t *testing.T, src string) ([]CompletionItem, string) {
	t.Helper()
	i := strings.Index(src, "|")
	if i < 0 {
		t.Fatal("no cursor in source")
	}
	text := src[:i] + src[i+1:]
	return Complete(analysis.Parse(text), i, all), text
}

func labels(items []CompletionItem) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, it.Label)
	}
	return out
}

func TestComplete(t *testing.T) {
	for _, tc := range []struct {
		name, src   string
		want        []string // labels that must be offered
		notWant     []string
		replaceText string // text the first item replaces
	}{
		{"instruction at line start", "FROM alpine\nRU|", []string{"RUN", "COPY", "HEALTHCHECK", "ONBUILD"}, nil, "RU"},
		{"instruction on empty line", "FROM alpine\n|", []string{"FROM", "RUN"}, nil, ""},
		{"lower-case file", "from alpine\nru|", []string{"run", "copy"}, []string{"RUN"}, "ru"},
		{"RUN flags", "FROM alpine\nRUN --|", []string{"--mount", "--network", "--security"}, []string{"--from"}, "--"},
		{"COPY flags", "FROM alpine\nCOPY --|", []string{"--from", "--chown", "--chmod", "--link", "--parents", "--exclude"}, nil, "--"},
		{"ADD flags", "FROM alpine\nADD --c|", []string{"--checksum", "--keep-git-dir", "--chown", "--chmod", "--link", "--exclude"}, nil, "--c"},
		{"FROM flags", "FROM --|", []string{"--platform"}, nil, "--"},
		{"HEALTHCHECK flags", "FROM alpine\nHEALTHCHECK --|", []string{"--interval", "--timeout", "--start-period", "--start-interval", "--retries"}, nil, "--"},
		{"no flags after arguments", "FROM alpine\nCOPY a --|", nil, []string{"--from"}, ""},
		{"mount types", "FROM alpine\nRUN --mount=type=|", []string{"bind", "cache", "tmpfs", "secret", "ssh"}, nil, ""},
		{"mount type prefix", "FROM alpine\nRUN --mount=type=ca|", []string{"cache"}, nil, "ca"},
		{"mount options of cache", "FROM alpine\nRUN --mount=type=cache,|", []string{"target", "id", "sharing", "from", "mode", "uid", "gid"}, []string{"type", "required", "size"}, ""},
		{"mount options of secret", "FROM alpine\nRUN --mount=type=secret,id=x,|", []string{"target", "required", "env"}, []string{"id", "sharing"}, ""},
		{"mount without type", "FROM alpine\nRUN --mount=|", []string{"type", "target", "source", "from", "readonly"}, nil, ""},
		{"mount sharing values", "FROM alpine\nRUN --mount=type=cache,sharing=|", []string{"shared", "private", "locked"}, nil, ""},
		{"mount from stage", "FROM alpine AS deps\nFROM alpine\nRUN --mount=from=|", []string{"deps"}, nil, ""},
		{"COPY --from stages", "FROM golang AS build\nFROM alpine AS tools\nFROM scratch\nCOPY --from=b|", []string{"build", "tools"}, nil, "b"},
		{"only earlier stages", "FROM golang AS build\nCOPY --from=|\nFROM alpine AS later\n", nil, []string{"build", "later"}, ""},
		{"network values", "FROM alpine\nRUN --network=|", []string{"default", "none", "host"}, nil, ""},
		{"platform values", "FROM --platform=|", []string{"$BUILDPLATFORM", "linux/arm64"}, nil, ""},
		{"FROM a stage", "FROM golang AS build\nFROM |", []string{"build"}, nil, ""},
		{"FROM ... AS", "FROM golang A|", []string{"AS"}, nil, "A"},
		{"variables after $", "ARG G=1\nFROM alpine\nARG V=1\nENV E=2\nRUN echo $|", []string{"V", "E"}, []string{"G"}, ""},
		{"variables after ${", "ARG G=1\nFROM alpine\nARG V=1\nRUN echo ${|", []string{"V"}, nil, ""},
		{"variables in FROM", "ARG G=1\nFROM alpine:$|", []string{"G", "TARGETARCH", "BUILDPLATFORM"}, nil, ""},
		{"only earlier variables", "FROM alpine\nRUN echo $|\nENV LATER=1\n", nil, []string{"LATER"}, ""},
		{"ENV of the parent stage", "FROM alpine AS a\nENV P=1\nFROM a\nRUN echo $|", []string{"P"}, nil, ""},
		{"variables in a heredoc", "FROM alpine\nENV E=1\nRUN <<EOF\necho $|\nEOF\n", []string{"E"}, nil, ""},
		{"ONBUILD instruction", "FROM alpine\nONBUILD |", []string{"RUN", "COPY"}, nil, ""},
		{"directives at the top", "# |\nFROM alpine\n", []string{"syntax", "escape", "check"}, nil, ""},
		{"no duplicate directive", "# syntax=docker/dockerfile:1\n# |\nFROM alpine\n", []string{"escape", "check"}, []string{"syntax"}, ""},
		{"no directives after an instruction", "FROM alpine\n# |\n", []string{"layerwise ignore="}, []string{"syntax"}, ""},
		{"check skip rules", "# check=skip=|\nFROM alpine\n", []string{"JSONArgsRecommended", "StageNameCasing"}, []string{"consecutive-run"}, ""},
		{"check skip second rule", "# check=skip=StageNameCasing,JSON|\nFROM alpine\n", []string{"JSONArgsRecommended"}, nil, "JSON"},
		{"check keys", "# check=|\nFROM alpine\n", []string{"skip=", "error=true"}, nil, ""},
		{"layerwise ignore rules", "FROM alpine\n# layerwise ignore=|\nRUN a\n", []string{"consecutive-run", "JSONArgsRecommended"}, nil, ""},
		{"layerwise global ignore", "FROM alpine\n# layerwise global ignore=consecutive-run,|\n", []string{"consecutive-run"}, nil, ""},
		{"syntax value", "# syntax=|\nFROM alpine\n", []string{"docker/dockerfile:1"}, nil, ""},
		{"nothing in arguments", "FROM alpine\nRUN echo hi|", nil, []string{"RUN"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items, text := completeAt(t, tc.src)
			got := map[string]bool{}
			for _, l := range labels(items) {
				got[l] = true
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("missing %q in %q", w, labels(items))
				}
			}
			for _, w := range tc.notWant {
				if got[w] {
					t.Errorf("unexpected %q in %q", w, labels(items))
				}
			}
			if len(tc.want) > 0 && len(items) > 0 {
				r := items[0].Replace
				if got := text[r.Start.Offset:int(r.End.Offset)]; got != tc.replaceText {
					t.Errorf("replaces %q, want %q", got, tc.replaceText)
				}
			}
		})
	}
}

func TestCompleteInsertText(t *testing.T) {
	items, _ := completeAt(t, "FROM alpine\nRUN --mount=type=cache,target=/x,id=a,s|")
	for _, it := range items {
		if it.Label == "sharing" && (it.Insert != "sharing=${1|shared,private,locked|}" || !it.Snippet) {
			t.Errorf("sharing inserts %q (snippet %v)", it.Insert, it.Snippet)
		}
	}
	items, _ = completeAt(t, "FROM alpine\nENV X=1\nRUN echo ${|")
	if len(items) != 1 || items[0].Insert != "X}" {
		t.Errorf("${ completion = %+v, want X}", items)
	}
	items, _ = completeAt(t, "FROM alpine\nR|")
	for _, it := range items {
		if it.Label == "RUN" && (!it.Snippet || !strings.HasPrefix(it.Insert, "RUN ") || it.Doc == "") {
			t.Errorf("RUN item = %+v", it)
		}
	}
}

func TestCompleteOutOfRange(t *testing.T) {
	f := analysis.Parse("FROM alpine\n")
	for _, off := range []int{-1, 100} {
		if items := Complete(f, off, all); items != nil {
			t.Errorf("offset %d: %v", off, labels(items))
		}
	}
}
