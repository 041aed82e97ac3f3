package rules

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var baseImageUnpinned = &analysis.Rule{
	ID:       "base-image-unpinned",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityWarning,
	Summary:  "FROM without a tag, or with :latest, builds on whatever the registry serves that day",
	Aliases:  []string{"DL3006", "DL3007"},
	Doc: "`FROM debian` means `FROM debian:latest`, and `latest` moves: the next major " +
		"release, another libc, a removed package. The same Dockerfile builds a different " +
		"image next month, and a build that passed yesterday fails today with nothing " +
		"changed in the repository. The build cache hides it until the cache is cold.\n\n" +
		"Bad:\n\n    FROM node\n    FROM python:latest\n\n" +
		"Good:\n\n    FROM node:22.11-bookworm-slim\n    FROM python:3.12-slim@sha256:…\n\n" +
		"A digest pins exactly (`@sha256:…`, with or without a tag); a version tag pins " +
		"the line you chose. Not reported: `scratch`, a stage built FROM an earlier stage, " +
		"and a FROM with a variable that has no default here (`${IMAGE}`, `golang:${GO_VERSION}`, " +
		"`binary-$TARGETOS`: given at build time); an ARG default that is unpinned is reported. Every stage is checked, builders too: they " +
		"make what ships. Silence with `# layerwise ignore=base-image-unpinned` (or " +
		"hadolint's DL3006, DL3007).",
	Scope: analysis.ScopeStage,
	Run:   checkBaseImageUnpinned,
}

func checkBaseImageUnpinned(p *analysis.Pass) {
	st, f := p.Stage, p.File
	if st.From == nil || st.Base.Text == "" || f.Parent(st) != nil {
		return // no FROM, or an earlier stage: pinned where it is built
	}
	base, known := f.BaseImageKnown(st)
	if !known || base == "" || strings.EqualFold(base, "scratch") {
		return // given at build time, or nothing to pin
	}
	ref := analysis.ParseImageRef(base)
	if ref.Digest != "" {
		return
	}
	via := ""
	if base != st.Base.Text {
		via = " (the default of " + st.Base.Text + ")"
	}
	switch ref.Tag {
	case "":
		p.Report(analysis.Finding{Range: st.Base.Range, Message: "base image " + base + via + " has no tag: it is :latest, whatever the registry serves when the cache is cold; pin a version tag or a digest"})
	case "latest":
		p.Report(analysis.Finding{Range: st.Base.Range, Message: "base image " + base + via + " is :latest, whatever the registry serves when the cache is cold; pin a version tag or a digest"})
	}
}
