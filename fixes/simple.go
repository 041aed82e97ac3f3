package fixes

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// useSlimVariant swaps the base image for its slim variant. It changes what
// the image contains, so it is a rewrite, never part of fix-all.
func useSlimVariant(f *analysis.File, fd analysis.Finding) []Fix {
	data, ok := fd.Data.(rules.SlimVariant)
	if !ok || data.Image == "" {
		return nil
	}
	repl := data.Image
	return []Fix{{
		Title: "Use the slim variant " + repl,
		Kind:  RefactorRewrite,
		Edits: []Edit{{Start: int(fd.Range.Start.Offset), End: int(fd.Range.End.Offset), NewText: repl}},
	}}
}

// DefaultDockerignore is what "Create .dockerignore" writes: version control,
// dependencies and build output that never belong in a build context.
const DefaultDockerignore = `# Created by layerwise: keep the build context small and the cache stable.
.git
.gitignore
.hg
.svn
.dockerignore
**/node_modules
**/__pycache__
**/*.pyc
.venv
venv
target
dist
build
coverage
.idea
.vscode
*.swp
.DS_Store
*.log
.env
.env.*
Dockerfile*
`

func createDockerignore(f *analysis.File, fd analysis.Finding) []Fix {
	return []Fix{{
		Title:  "Create .dockerignore",
		Kind:   QuickFix,
		Create: []CreateFile{{Name: ".dockerignore", Content: DefaultDockerignore}},
	}}
}

// repairJSONArgs fixes the two mechanical causes of broken exec form:
// single quotes (when the strings hold no double quote) and a trailing
// `# comment`, which moves to its own line above the instruction.
func repairJSONArgs(f *analysis.File, fd analysis.Finding) []Fix {
	in := f.InstructionAt(int(fd.Range.Start.Offset))
	if in == nil || int(fd.Range.Start.Line) != int(fd.Range.End.Line) {
		return nil
	}
	text := f.Text[fd.Range.Start.Offset:int(fd.Range.End.Offset)]
	problem, _ := fd.Data.(rules.JSONProblem)
	switch {
	case problem == rules.SingleQuotes && !strings.Contains(text, `"`):
		return []Fix{{
			Title:     "Use double quotes in the JSON array",
			Kind:      QuickFix,
			Preferred: true,
			Edits:     []Edit{{Start: int(fd.Range.Start.Offset), End: int(fd.Range.End.Offset), NewText: strings.ReplaceAll(text, "'", `"`)}},
		}}
	case problem == rules.TextAfterClose:
		close := strings.LastIndex(text, "]")
		trailing := strings.TrimSpace(text[close+1:])
		if !strings.HasPrefix(trailing, "#") {
			return nil // `|| exit 1` needs a shell: no mechanical fix
		}
		start := lineStart(f, int(in.Range.Start.Offset))
		indent := f.Text[start:int(in.Range.Start.Offset)]
		return []Fix{{
			Title:     "Move the comment above the instruction",
			Kind:      QuickFix,
			Preferred: true,
			Edits: []Edit{
				{Start: start, End: start, NewText: indent + trailing + newline(f)},
				{Start: int(fd.Range.Start.Offset) + close + 1, End: int(fd.Range.End.Offset), NewText: ""},
			},
		}}
	}
	return nil
}
