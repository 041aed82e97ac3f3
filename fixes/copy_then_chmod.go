package fixes

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// foldPermissions sets the mode and owner at copy time and deletes the RUN
// that changed them:
//
//	COPY entrypoint.sh /usr/local/bin/
//	RUN chmod +x /usr/local/bin/entrypoint.sh
//
// becomes
//
//	COPY --chmod=+x entrypoint.sh /usr/local/bin/
//
// The rule decides (CopyFlags.Quick) whether the result is the same: a
// quick fix when the target is the one file the COPY created, a rewrite
// when it is a copied directory (whose own mode, and files from earlier
// layers, --chmod does not touch the way chmod -R did).
func foldPermissions(f *analysis.File, fd analysis.Finding) []Fix {
	data, ok := fd.Data.(rules.CopyFlags)
	if !ok {
		return nil
	}
	copyIn := f.Resolve(fd, data.Copy)
	run := f.InstructionAt(int(fd.Range.Start.Offset))
	if copyIn == nil || run == nil || run.Name != "run" || copyIn.Index >= run.Index {
		return nil
	}
	var edits []Edit
	var insert, flags []string
	for _, flag := range []struct{ name, value string }{{"chown", data.Chown}, {"chmod", data.Chmod}} {
		name, value := flag.name, flag.value
		if value == "" {
			continue
		}
		flags = append(flags, "--"+name+"="+value)
		if fl, ok := copyIn.Flag(name); ok && fl.HasValue {
			edits = append(edits, Edit{Start: int(fl.ValueRange.Start.Offset), End: int(fl.ValueRange.End.Offset), NewText: value})
			continue
		}
		insert = append(insert, "--"+name+"="+value)
	}
	if len(flags) == 0 {
		return nil
	}
	if len(insert) > 0 {
		at := int(copyIn.Keyword.Range.End.Offset)
		edits = append(edits, Edit{Start: at, End: at, NewText: " " + strings.Join(insert, " ")})
	}
	edits = append(edits, deleteWithComments(f, copyIn, run)...)
	keyword := strings.ToUpper(copyIn.Name)
	fix := Fix{
		Title: "Use " + keyword + " " + strings.Join(flags, " ") + " and remove the RUN",
		Kind:  QuickFix,
		Edits: edits,
	}
	if data.Quick {
		fix.Preferred = true
	} else {
		fix.Kind = RefactorRewrite
		fix.Title += " (applies to every copied file, not to files already there)"
	}
	return []Fix{fix}
}

// deleteWithComments deletes the RUN; when it comes right after the COPY,
// the comment lines between them (which described the RUN) move above the
// COPY instead of dangling over whatever follows.
func deleteWithComments(f *analysis.File, copyIn, run *analysis.Instruction) []Edit {
	if previousInStage(run) != copyIn || len(copyIn.Heredocs) > 0 {
		return []Edit{deleteInstruction(f, run)}
	}
	nl := newline(f)
	var moved strings.Builder
	for line := int(copyIn.Range.End.Line) + 1; line < int(run.Range.Start.Line); line++ {
		text := strings.TrimRight(f.Text[f.Lines.Start(line):f.Lines.End(line)], "\r")
		if strings.HasPrefix(strings.TrimSpace(text), "#") {
			moved.WriteString(text + nl)
		}
	}
	if moved.Len() == 0 {
		return []Edit{deleteInstruction(f, run)}
	}
	del := deleteInstruction(f, run)
	del.Start = f.Lines.Start(int(copyIn.Range.End.Line) + 1)
	at := lineStart(f, int(copyIn.Range.Start.Offset))
	return []Edit{{Start: at, End: at, NewText: moved.String()}, del}
}
