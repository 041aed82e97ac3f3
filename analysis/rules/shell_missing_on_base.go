package rules

import (
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/layerwise/layerwise/analysis"
)

var shellMissingOnBase = &analysis.Rule{
	ID:       "shell-missing-on-base",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityError,
	Summary:  "bash used on an Alpine or BusyBox base that has no bash",
	Doc: "Alpine and BusyBox images ship `/bin/sh` (BusyBox ash) and no bash. " +
		"`SHELL [\"/bin/bash\", \"-c\"]`, `RUN bash -c ...` or a `#!/bin/bash` here-document " +
		"then fails with `/bin/sh: bash: not found` (or `exec: \"/bin/bash\": no such file`).\n\n" +
		"Bad:\n\n    FROM alpine:3.20\n    SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n\n" +
		"Good:\n\n    FROM alpine:3.20\n    RUN apk add --no-cache bash\n    SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n\n" +
		"or write the RUN for sh. A base is taken to be Alpine when it is `alpine`, " +
		"`busybox`, or an official image with an `alpine` tag (`node:22-alpine`); an " +
		"`apk add` of bash earlier in the stage (or a stage it is built FROM) counts. " +
		"Silence with `# layerwise ignore=shell-missing-on-base`.",
	Scope: analysis.ScopeStage,
	Run:   checkShellMissingOnBase,
}

func checkShellMissingOnBase(p *analysis.Pass) {
	st, f := p.Stage, p.File
	if !alpineBase(f.RootImage(st)) {
		return
	}
	hasBash := false
	notice := func(in *analysis.Instruction) {
		if !in.Runs() {
			return
		}
		for _, c := range in.Shell(f).Commands {
			if c.Is("apk") && c.SubcommandText() == "add" {
				for _, w := range c.Operands() {
					hasBash = hasBash || w.Text == "bash" || strings.HasPrefix(w.Text, "bash=") || strings.HasPrefix(w.Text, "bash~")
				}
			}
		}
	}
	if len(st.Instructions) > 0 {
		f.Inherited(st.Instructions[0], notice)
	}
	for _, in := range st.Instructions {
		if hasBash {
			return
		}
		if c, ok := in.Command().(*instructions.ShellCommand); ok && len(c.Shell) > 0 && path.Base(c.Shell[0]) == "bash" {
			p.Report(analysis.Finding{Range: in.ArgsRange(), Message: "SHELL bash on an Alpine base, which has no bash: install it first (apk add --no-cache bash)"})
			return // the RUNs after it fail for the same reason
		}
		if in.Runs() {
			if r, ok := usesBash(f, in); ok {
				p.Report(analysis.Finding{Range: r, Message: "bash on an Alpine base, which has no bash: install it first (apk add --no-cache bash), or write it for sh"})
			}
		}
		notice(in)
	}
}

// alpineBase reports whether an image is Alpine or BusyBox based, as far
// as its name says.
func alpineBase(ref string) bool {
	r := analysis.ParseImageRef(ref)
	switch r.Official() {
	case "alpine", "busybox":
		return true
	case "":
		return false
	}
	return strings.Contains(r.Tag, "alpine")
}

// usesBash is where a RUN runs bash: a bash command, or a here-document
// with a bash shebang.
func usesBash(f *analysis.File, in *analysis.Instruction) (analysis.Range, bool) {
	for _, c := range in.Shell(f).Commands {
		if c.Is("bash") {
			return c.Name.Range, true
		}
	}
	for _, h := range in.Heredocs {
		if line, _, _ := strings.Cut(h.Content, "\n"); strings.HasPrefix(line, "#!") && strings.Contains(line, "bash") {
			return in.Keyword.Range, true
		}
	}
	return analysis.Range{}, false
}
