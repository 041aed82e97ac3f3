package ide

import (
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
)

// offsetOf returns the offset of the n-th byte of the first occurrence of marker.
func offsetOf(t *testing.T, src, marker string, n int) int {
	i := strings.Index(src, marker)
	if i < 0 {
		t.Helper()
		t.Fatalf("marker %q not in source", marker)
	}
	return i + n
}

func TestHoverInstructions(t *testing.T) {
	for _, tc := range []struct{ line, mentions string }{
		{"FROM alpine:3.19", "base image"},
		{"RUN make", "git clone"},
		{"CMD [\"app\"]", "default command"},
		{"LABEL a=b", "metadata"},
		{"MAINTAINER me", "deprecated"},
		{"EXPOSE 80", "ports"},
		{"ENV A=b", "environment variables"},
		{"ADD a.tar.gz /", "URL"},
		{"COPY . /app", "contents"},
		{"ENTRYPOINT [\"app\"]", "executable"},
		{"VOLUME /data", "volume"},
		{"USER app", "non-root"},
		{"WORKDIR /app", "working directory"},
		{"ARG V=1", "build argument"},
		{"ONBUILD RUN make", "another Dockerfile"},
		{"STOPSIGNAL SIGTERM", "signal"},
		{"HEALTHCHECK CMD true", "health"},
		{"SHELL [\"/bin/bash\", \"-c\"]", "shell"},
	} {
		src := "FROM alpine\n" + tc.line + "\n"
		kw, _, _ := strings.Cut(tc.line, " ")
		md, r, ok := Hover(analysis.Parse(src), offsetOf(t, src, "\n"+kw, 2), all)
		if !ok {
			t.Errorf("%s: no hover on the keyword", kw)
			continue
		}
		if got := src[r.Start.Offset:int(r.End.Offset)]; got != kw {
			t.Errorf("%s: range covers %q, want the keyword", kw, got)
		}
		for _, want := range []string{"**" + kw + "**", tc.mentions, "**Layer:**", "**Build cache:**", "```dockerfile"} {
			if !strings.Contains(md, want) {
				t.Errorf("%s: hover does not mention %q:\n%s", kw, want, md)
			}
		}
	}
}

func TestHoverCacheAndLayerFacts(t *testing.T) {
	for _, tc := range []struct{ kw, mentions string }{
		{"RUN", "text of the instruction"},
		{"RUN", "creates a layer"},
		{"COPY", "contents (checksums)"},
		{"ADD", "contents (checksums)"},
		{"COPY", "every later step"},
		{"ENV", "adds no layer"},
		{"FROM", "multi-stage"},
	} {
		d, _ := LookupInstruction(tc.kw)
		if !strings.Contains(d.Markdown(), tc.mentions) {
			t.Errorf("%s does not mention %q", tc.kw, tc.mentions)
		}
	}
}

func TestHoverFlags(t *testing.T) {
	for _, tc := range []struct{ line, flag, mentions string }{
		{"FROM --platform=$BUILDPLATFORM golang AS b", "platform", "platform"},
		{"RUN --mount=type=cache,target=/x make", "mount", "mounts"},
		{"RUN --network=none make", "network", "network"},
		{"RUN --security=insecure make", "security", "privileges"},
		{"COPY --from=base /a /b", "from", "earlier build stage"},
		{"COPY --chown=app:app . /a", "chown", "owner"},
		{"COPY --chmod=0755 . /a", "chmod", "permission"},
		{"COPY --link . /a", "link", "layer of their own"},
		{"COPY --parents a/b /a", "parents", "directory structure"},
		{"COPY --exclude=*.md . /a", "exclude", "leaves out"},
		{"ADD --checksum=sha256:00 https://x/y /a", "checksum", "checksum"},
		{"ADD --keep-git-dir=true https://x/y.git /a", "keep-git-dir", ".git"},
		{"ADD --chown=app . /a", "chown", "owner"},
		{"ADD --chmod=0644 . /a", "chmod", "permission"},
		{"ADD --link . /a", "link", "layer of their own"},
		{"ADD --exclude=*.txt . /a", "exclude", "leaves out"},
		{"HEALTHCHECK --interval=30s CMD true", "interval", "between two health checks"},
		{"HEALTHCHECK --timeout=3s CMD true", "timeout", "counts as failed"},
		{"HEALTHCHECK --start-period=1m CMD true", "start-period", "grace period"},
		{"HEALTHCHECK --start-interval=2s CMD true", "start-interval", "during the start period"},
		{"HEALTHCHECK --retries=3 CMD true", "retries", "unhealthy"},
	} {
		src := "FROM alpine AS base\n" + tc.line + "\n"
		if strings.HasPrefix(tc.line, "FROM") {
			src = tc.line + "\n"
		}
		md, r, ok := Hover(analysis.Parse(src), offsetOf(t, src, "--"+tc.flag, 3), all)
		if !ok {
			t.Errorf("--%s: no hover", tc.flag)
			continue
		}
		if got := src[r.Start.Offset:int(r.End.Offset)]; got != "--"+tc.flag {
			t.Errorf("--%s: range covers %q", tc.flag, got)
		}
		if !strings.Contains(md, "--"+tc.flag) || !strings.Contains(md, tc.mentions) {
			t.Errorf("--%s: hover does not mention %q:\n%s", tc.flag, tc.mentions, md)
		}
	}
}

func TestHoverMount(t *testing.T) {
	for _, tc := range []struct{ mount, under, mentions string }{
		{"type=bind,source=go.sum,target=/x", "bind", "build context"},
		{"type=cache,target=/root/.cache", "cache", "between builds"},
		{"type=tmpfs,target=/tmp", "tmpfs", "in-memory"},
		{"type=secret,id=tok", "secret", "never stored in the image"},
		{"type=ssh", "ssh", "SSH agent"},
		{"type=cache,target=/root/.cache", "target", "path inside the container"},
		{"type=bind,source=go.sum,target=/x", "source", "path to mount from"},
		{"type=bind,from=base,target=/x", "from=", "stage, image or named build context"},
		{"type=cache,id=go,target=/x", "id", "which cache"},
		{"type=cache,sharing=locked,target=/x", "sharing", "concurrent builds"},
		{"type=secret,id=t,mode=0400", "mode", "permission bits"},
		{"type=cache,uid=1000,target=/x", "uid", "user ID"},
		{"type=cache,gid=1000,target=/x", "gid", "group ID"},
		{"type=secret,id=t,required=true", "required", "fail the build"},
		{"type=bind,readonly,target=/x", "readonly", "read-only"},
		{"type=tmpfs,target=/t,size=100m", "size", "maximum size"},
		{"type=secret,id=t,env=TOKEN", "env", "environment variable"},
	} {
		src := "FROM alpine AS base\nRUN --mount=" + tc.mount + " make\n"
		f := analysis.Parse(src)
		i := strings.Index(src, "--mount=") + len("--mount=")
		i += strings.Index(src[i:], tc.under) + 1
		md, _, ok := Hover(f, i, all)
		if tc.under == "from=" {
			// the value of from= is a stage; the key explains the option
			md, _, ok = Hover(f, i-1, all)
		}
		if !ok || !strings.Contains(md, tc.mentions) {
			t.Errorf("--mount %s on %q: hover %v does not mention %q:\n%s", tc.mount, tc.under, ok, tc.mentions, md)
		}
	}
}

func TestHoverDirectivesAndHeredocs(t *testing.T) {
	src := "# syntax=docker/dockerfile:1\n# escape=\\\n# check=skip=JSONArgsRecommended\nFROM alpine\nRUN <<EOF\necho hi\nEOF\n# layerwise ignore=consecutive-run\nRUN true\n"
	f := analysis.Parse(src)
	for _, tc := range []struct {
		name      string
		offset    int
		mentions  string
		wantRange string
	}{
		{"syntax", offsetOf(t, src, "syntax", 1), "frontend", "# syntax=docker/dockerfile:1"},
		{"escape", offsetOf(t, src, "escape", 1), "escape and line-continuation", "# escape=\\"},
		{"check", offsetOf(t, src, "check", 1), "build checks", "# check=skip=JSONArgsRecommended"},
		{"check rule", offsetOf(t, src, "JSONArgs", 2), "JSONArgsRecommended", "JSONArgsRecommended"},
		{"heredoc marker", offsetOf(t, src, "<<EOF", 2), "Here-document", "<<EOF"},
		{"heredoc terminator", offsetOf(t, src, "\nEOF", 2), "terminator", "EOF"},
		{"pragma", offsetOf(t, src, "layerwise", 1), "silences", "# layerwise ignore=consecutive-run"},
		{"pragma rule", offsetOf(t, src, "consecutive-run", 3), "consecutive-run", "consecutive-run"},
	} {
		md, r, ok := Hover(f, tc.offset, all)
		if !ok || !strings.Contains(md, tc.mentions) {
			t.Errorf("%s: hover %v does not mention %q:\n%s", tc.name, ok, tc.mentions, md)
			continue
		}
		if got := src[r.Start.Offset:int(r.End.Offset)]; got != tc.wantRange {
			t.Errorf("%s: range %q, want %q", tc.name, got, tc.wantRange)
		}
	}
}

func TestHoverVariablesStagesImages(t *testing.T) {
	src := `ARG GO=1.22
FROM golang:${GO}@sha256:abc AS build
ARG GO
ARG MODE=release
ENV CGO_ENABLED=0 GOFLAGS="-trimpath"
RUN echo $MODE $CGO_ENABLED ${GO} $NOPE $TARGETARCH
FROM build AS test
RUN echo $CGO_ENABLED $MODE
FROM ghcr.io/org/tool:v1 AS tool
FROM scratch
COPY --from=build /out /app
`
	f := analysis.Parse(src)
	for _, tc := range []struct {
		name     string
		offset   int
		mentions []string
	}{
		{"ARG in stage", offsetOf(t, src, "$MODE", 2), []string{"**ARG `MODE`** = `release`", "line 4", "Build time only", "--build-arg MODE"}},
		{"ENV", offsetOf(t, src, "$CGO_ENABLED", 3), []string{"**ENV `CGO_ENABLED`** = `0`", "line 5", "Runtime", "running container"}},
		{"bare ARG takes global", offsetOf(t, src, "${GO} $NOPE", 3), []string{"**ARG `GO`** = no default", "global ARG's default `1.22` (line 1)"}},
		{"global ARG in FROM", offsetOf(t, src, "${GO}@", 3), []string{"**ARG `GO`** = `1.22`", "before the first FROM"}},
		{"undeclared", offsetOf(t, src, "$NOPE", 2), []string{"`NOPE`", "not declared"}},
		{"predefined", offsetOf(t, src, "$TARGETARCH", 2), []string{"predefined build argument", "architecture"}},
		{"ENV inherited by child stage", offsetOf(t, src, "$CGO_ENABLED $MODE", 2), []string{"**ENV `CGO_ENABLED`** = `0`"}},
		{"ARG not inherited by child stage", offsetOf(t, src, "$MODE\nFROM ghcr", 2), []string{"not declared"}},
		{"ENV definition", offsetOf(t, src, "GOFLAGS", 1), []string{"**ENV `GOFLAGS`** = `-trimpath`"}},
		{"stage definition", offsetOf(t, src, "AS build", 4), []string{"**Stage `build`**", "stage 1 of 4", "line 2", "golang:1.22@sha256:abc"}},
		{"stage in FROM", offsetOf(t, src, "FROM build", 6), []string{"**Stage `build`**", "COPY --from=build"}},
		{"stage in COPY --from", offsetOf(t, src, "--from=build", 8), []string{"**Stage `build`**"}},
		{"image with digest", offsetOf(t, src, "golang", 1), []string{"registry: `docker.io (Docker Hub)`", "repository: `library/golang (official image)`", "digest: `sha256:abc`", "golang:1.22@sha256:abc"}},
		{"image on ghcr", offsetOf(t, src, "ghcr.io", 1), []string{"registry: `ghcr.io`", "repository: `org/tool`", "tag: `v1`", "digest: none", "https://ghcr.io/org/tool"}},
		{"scratch", offsetOf(t, src, "scratch", 1), []string{"empty image"}},
	} {
		md, _, ok := Hover(f, tc.offset, all)
		if !ok {
			t.Errorf("%s: no hover", tc.name)
			continue
		}
		for _, want := range tc.mentions {
			if !strings.Contains(md, want) {
				t.Errorf("%s: hover does not mention %q:\n%s", tc.name, want, md)
			}
		}
	}
}

func TestHoverNothing(t *testing.T) {
	src := "FROM alpine\n\nRUN echo hi # not a comment\n# plain comment\n"
	f := analysis.Parse(src)
	for _, off := range []int{-1, len(src) + 1, offsetOf(t, src, "\n\n", 1), offsetOf(t, src, "hi", 0), offsetOf(t, src, "plain", 0)} {
		if md, _, ok := Hover(f, off, all); ok {
			t.Errorf("offset %d: unexpected hover %q", off, md)
		}
	}
	if _, _, ok := Hover(analysis.Parse(""), 0, all); ok {
		t.Error("hover on an empty file")
	}
}

// TestHoverAgreesWithUndefinedVar: what hover says of a variable the file
// does not declare is what the UndefinedVar check concluded: set by the
// base image, unset, or unknown because the base image's environment is.
func TestHoverAgreesWithUndefinedVar(t *testing.T) {
	src := "FROM golang:1.22 AS build\nENV BIN=$GOPATH/bin NOPE=$NOT_SET\n" +
		"FROM registry.example.com/team/base:1\nENV A=$FROM_BASE\n"
	f := analysis.Parse(src)
	found := map[string]bool{}
	for _, fd := range analysis.AnalyzeWith(f, all, analysis.Options{}) {
		if fd.Code == "UndefinedVar" {
			found[src[fd.Range.Start.Offset:fd.Range.End.Offset]] = true
		}
	}
	for _, tc := range []struct {
		variable string
		reported bool
		mentions string
	}{
		{"$GOPATH", false, "the base image sets it"},
		{"$NOT_SET", true, "nor by the base image"},
		{"$FROM_BASE", false, "does not know that image's environment"},
	} {
		if found[tc.variable] != tc.reported {
			t.Errorf("%s: reported by UndefinedVar: %v, want %v (all: %v)", tc.variable, found[tc.variable], tc.reported, found)
		}
		md, _, ok := Hover(f, offsetOf(t, src, tc.variable, 2), all)
		if !ok || !strings.Contains(md, tc.mentions) {
			t.Errorf("%s: hover %q does not say %q", tc.variable, md, tc.mentions)
		}
	}
}
