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

// appendDestSlash writes the destination of a COPY of several sources as
// the folder it is: `/app` becomes `/app/` (inside its quotes, if quoted).
func appendDestSlash(f *analysis.File, fd analysis.Finding) []Fix {
	end := int(fd.Range.End.Offset)
	if end <= int(fd.Range.Start.Offset) || end > len(f.Text) {
		return nil
	}
	if q := f.Text[end-1]; q == '"' || q == '\'' {
		end--
	}
	return []Fix{{
		Title:     "Append / to the destination",
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{{Start: end, End: end, NewText: "/"}},
	}}
}

// cdToWorkdir turns `RUN cd /path` into `WORKDIR /path`: what the RUN
// meant. Without a literal path (`cd`, `cd $X`) there is nothing to write.
func cdToWorkdir(f *analysis.File, fd analysis.Finding) []Fix {
	in := f.InstructionAt(int(fd.Range.Start.Offset))
	if in == nil || in.Name != "run" {
		return nil
	}
	cmds := in.Shell(f).Commands
	if len(cmds) != 1 || len(cmds[0].Args) != 1 || !cmds[0].Args[0].Literal || cmds[0].Args[0].Text == "-" {
		return nil
	}
	dir := cmds[0].Args[0]
	if strings.ContainsAny(dir.Text, " \t\"'") {
		return nil
	}
	return []Fix{{
		Title:     "Use WORKDIR " + dir.Text,
		Kind:      QuickFix,
		Preferred: true,
		Edits: []Edit{{Start: int(in.Keyword.Range.Start.Offset), End: int(in.LineRange().End.Offset),
			NewText: workdirKeyword(in.Keyword.Text) + " " + dir.Text}},
	}}
}

// workdirKeyword spells WORKDIR in the case of the keyword it replaces.
func workdirKeyword(run string) string {
	if run == strings.ToLower(run) {
		return "workdir"
	}
	return "WORKDIR"
}

// nearestStage puts the stage name the finding suggests in place of the
// --from value that names none.
func nearestStage(f *analysis.File, fd analysis.Finding) []Fix {
	data, ok := fd.Data.(rules.StageTypo)
	start, end := int(fd.Range.Start.Offset), int(fd.Range.End.Offset)
	if !ok || data.Name == "" || end > len(f.Text) || strings.ContainsAny(f.Text[start:end], ",=") {
		return nil // a --mount value holds other keys: no single word to replace
	}
	return []Fix{{
		Title:     "Copy from stage " + data.Name,
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{{Start: start, End: end, NewText: data.Name}},
	}}
}

// setErrexit makes a here-document script stop at its first failure: `set
// -e` as its first line, after a shebang.
func setErrexit(f *analysis.File, fd analysis.Finding) []Fix {
	in := f.InstructionAt(int(fd.Range.Start.Offset))
	if in == nil || len(in.Heredocs) != 1 {
		return nil
	}
	at := int(in.Heredocs[0].Body.Start.Offset)
	if strings.HasPrefix(in.Heredocs[0].Content, "#!") {
		nl := strings.IndexByte(f.Text[at:], '\n')
		if nl < 0 {
			return nil
		}
		at += nl + 1
	}
	return []Fix{{
		Title:     "Insert set -e",
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{{Start: at, End: at, NewText: "set -e\n"}},
	}}
}

// fixMount writes the key or value BuildKit suggests into the --mount.
func fixMount(f *analysis.File, fd analysis.Finding) []Fix {
	data, ok := fd.Data.(rules.MountFix)
	start, end := int(fd.Range.Start.Offset), int(fd.Range.End.Offset)
	if !ok || end > len(f.Text) || data.End > end-start {
		return nil
	}
	value := f.Text[start:end]
	if strings.ContainsAny(value, "\n\\") {
		return nil // continued over lines: offsets in the value are not offsets in the text
	}
	return []Fix{{
		Title:     "Write " + data.New,
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{{Start: start + data.Start, End: start + data.End, NewText: data.New}},
	}}
}
