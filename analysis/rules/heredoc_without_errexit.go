package rules

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var heredocWithoutErrexit = &analysis.Rule{
	ID:       "heredoc-without-errexit",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityWarning,
	Summary:  "A RUN here-document of several commands without set -e: only the last command's failure fails the build",
	Doc: "A here-document RUN is a shell script, and a script goes on after a command " +
		"fails. The build fails only when the *last* command does: a failed download, a " +
		"failed `make`, a failed `apt-get install` above it leave a broken image that " +
		"builds green.\n\n" +
		"Bad:\n\n    RUN <<EOF\n    curl -fsSLo /tmp/app.tgz https://example.com/app.tgz\n    tar -xzf /tmp/app.tgz -C /opt\n    rm /tmp/app.tgz\n    EOF\n\n" +
		"Good:\n\n    RUN <<EOF\n    set -e\n    curl -fsSLo /tmp/app.tgz https://example.com/app.tgz\n    ...\n    EOF\n\n" +
		"Not reported: a body of one statement (`a && b && c` is one: it stops at the " +
		"first failure), `set -e` (or `-o errexit`, `set -eux`) before the second " +
		"statement, a shebang with `-e` (`#!/bin/bash -e`), or a SHELL with `-e`. The quick " +
		"fix inserts `set -e` as the first line of the script (after a shebang). Silence " +
		"with `# layerwise ignore=heredoc-without-errexit`.",
	Scope: analysis.ScopeStage,
	Run:   checkHeredocWithoutErrexit,
}

func checkHeredocWithoutErrexit(p *analysis.Pass) {
	f := p.File
	for _, in := range p.Stage.Instructions {
		if !in.Runs() || len(in.Heredocs) != 1 || !in.Shell(f).Heredoc || in.Statements(f) < 2 {
			continue
		}
		body := in.Heredocs[0].Content
		if errexitInShebang(body) || errexitInShell(inheritedShell(f, in)) || setsErrexitFirst(in.Shell(f).Commands) {
			continue
		}
		p.Report(analysis.Finding{Range: in.Keyword.Range, Message: "here-document script of several commands without `set -e`: a command that fails is ignored unless it is the last one"})
	}
}

// errexitInShebang reports whether the script's first line runs its shell
// with -e (`#!/bin/sh -e`, `#!/usr/bin/env -S bash -eux`).
func errexitInShebang(body string) bool {
	line, _, _ := strings.Cut(body, "\n")
	if !strings.HasPrefix(line, "#!") {
		return false
	}
	for _, w := range strings.Fields(line)[1:] {
		if strings.HasPrefix(w, "-") && !strings.HasPrefix(w, "--") && strings.Contains(w, "e") && w != "-S" {
			return true
		}
	}
	return false
}

// errexitInShell reports whether a SHELL turns errexit on.
func errexitInShell(shell []string) bool {
	for i, w := range shell {
		if strings.HasPrefix(w, "-") && !strings.HasPrefix(w, "--") && strings.Contains(w, "e") && w != "-c" ||
			w == "errexit" && i > 0 && shell[i-1] == "-o" {
			return true
		}
	}
	return false
}

// setsErrexitFirst reports whether the script's first command is `set` with
// -e or -o errexit (what comes before it has not failed unnoticed).
func setsErrexitFirst(cmds []*analysis.Command) bool {
	if len(cmds) == 0 || !cmds[0].Is("set") {
		return false
	}
	return setsErrexit(cmds[0])
}

// setsErrexit reports whether a `set` command turns errexit on.
func setsErrexit(c *analysis.Command) bool {
	for i, a := range c.Args {
		t := a.Text
		if strings.HasPrefix(t, "-") && !strings.HasPrefix(t, "--") && strings.Contains(t, "e") && !strings.HasSuffix(t, "o") {
			return true
		}
		if t == "errexit" && i > 0 && strings.HasSuffix(c.Args[i-1].Text, "o") {
			return true
		}
		if strings.HasPrefix(t, "-") && strings.Contains(t, "e") && strings.HasSuffix(t, "o") {
			return true // -eo pipefail
		}
	}
	return false
}
