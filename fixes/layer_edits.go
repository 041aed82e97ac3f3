package fixes

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// Edits shared by the layer fixers (cleanup-in-separate-layer,
// file-removed-in-later-layer, copy-then-chmod): append a cleanup RUN's
// commands to the RUN before it, delete an instruction.

// previousInStage is the instruction right before in, in its stage.
func previousInStage(in *analysis.Instruction) *analysis.Instruction {
	if in.Stage == nil {
		return nil
	}
	var prev *analysis.Instruction
	for _, i := range in.Stage.Instructions {
		if i == in {
			return prev
		}
		prev = i
	}
	return nil
}

// plainShellRun is a shell-form RUN without heredocs.
func plainShellRun(in *analysis.Instruction) bool {
	run, ok := in.Command().(*instructions.RunCommand)
	return ok && run.PrependShell && len(in.Heredocs) == 0 && len(in.Args) > 0
}

// moveIntoPrevious appends the commands of the RUN cleanup to the RUN prev
// right before it (` && <commands>`) and deletes cleanup. Comment lines
// between the two stay with the commands, as comment lines inside the
// continuation (BuildKit drops them before the shell runs). It refuses
// when the move could change what runs: flags on the cleanup RUN, a mount
// of prev on one of paths (the cleanup would empty a cache mount), shell
// comments that would swallow the appended text, a body ending in an
// operator.
func moveIntoPrevious(f *analysis.File, prev, cleanup *analysis.Instruction, paths []string) ([]Edit, bool) {
	if prev == nil || previousInStage(cleanup) != prev || !plainShellRun(prev) || !plainShellRun(cleanup) || len(cleanup.Flags) > 0 {
		return nil, false
	}
	for _, m := range analysis.RunMounts(prev) {
		for _, p := range paths {
			if m.Covers(strings.TrimRight(p, "*")) {
				return nil, false
			}
		}
	}
	head := strings.TrimRight(prev.Logical.Text, " \t")
	if strings.Contains(prev.Logical.Text, "#") || strings.HasSuffix(head, ";") || strings.HasSuffix(head, "&") || strings.HasSuffix(head, "|") {
		return nil, false
	}
	body := strings.TrimRight(f.Text[cleanup.Args[0].Range.Start.Offset:cleanup.Logical.End], " \t\r")
	if strings.Contains(body, "#") {
		return nil, false
	}
	if needsGroup(strings.TrimSpace(cleanup.Logical.Text[len(cleanup.Keyword.Text):])) {
		body = "{ " + strings.TrimSuffix(body, ";") + "; }"
	}

	nl, esc := newline(f), string(f.Escape)
	var comments []string
	for line := prev.Logical.EndLine + 1; line < int(cleanup.Range.Start.Line); line++ {
		text := strings.TrimRight(f.Text[f.Lines.Start(line):f.Lines.End(line)], "\r")
		if t := strings.TrimSpace(text); strings.HasPrefix(t, "#") {
			comments = append(comments, t)
		}
	}
	indent, leading := continuationStyle(f, prev)
	var b strings.Builder
	oneLine := prev.Logical.EndLine == int(prev.Range.Start.Line) && len(comments) == 0 && !strings.Contains(body, "\n")
	lineLen := prev.Logical.End - f.Lines.Start(int(prev.Range.Start.Line))
	switch {
	case oneLine && lineLen+4+len(body) <= 80:
		b.WriteString(" && " + body)
	default:
		if leading {
			b.WriteString(" " + esc + nl)
		} else {
			b.WriteString(" && " + esc + nl)
		}
		for _, c := range comments {
			b.WriteString(indent + c + nl)
		}
		if leading {
			b.WriteString(indent + "&& " + body)
		} else {
			b.WriteString(indent + body)
		}
	}
	return []Edit{{Start: prev.Logical.End, End: cleanup.Logical.End, NewText: b.String()}}, true
}

// continuationStyle reads how a RUN chains its commands over lines: the
// indentation of its continuation lines, and whether `&&` leads a line
// (leading) or ends the line before (trailing). A one-line RUN takes the
// file's indentation and the leading style.
func continuationStyle(f *analysis.File, in *analysis.Instruction) (indent string, leading bool) {
	first := int(in.Range.Start.Line)
	last := in.Logical.EndLine
	for line := last; line > first; line-- {
		text := strings.TrimRight(f.Text[f.Lines.Start(line):f.Lines.End(line)], "\r")
		trimmed := strings.TrimLeft(text, " \t")
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		ind := text[:len(text)-len(trimmed)]
		if strings.HasPrefix(trimmed, "&&") {
			return ind, true
		}
		before := strings.TrimRight(f.Text[f.Lines.Start(line-1):f.Lines.End(line-1)], "\r \t")
		before = strings.TrimRight(strings.TrimSuffix(before, string(f.Escape)), " \t")
		if strings.HasSuffix(before, "&&") {
			return ind, false
		}
	}
	return continuationIndent(f), true
}

// deleteInstruction removes an instruction's lines, from the start of its
// first line through the line break after its last line. Comment lines
// above it stay.
func deleteInstruction(f *analysis.File, in *analysis.Instruction) Edit {
	start := lineStart(f, int(in.Range.Start.Offset))
	end := int(in.Range.End.Offset)
	if end < len(f.Text) && f.Text[end] == '\n' {
		end++
	} else if start > 0 {
		// The last line of the file: take the line break before it instead.
		start--
		if start > 0 && f.Text[start-1] == '\r' {
			start--
		}
	}
	return Edit{Start: start, End: end}
}
