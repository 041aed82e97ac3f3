package fixes

import (
	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// fixRemovedFile offers, for a file removed in a later layer:
//
//   - "Move cleanup into the RUN that created the files" (quick fix) when
//     the RUN that wrote the file is the instruction right before a RUN
//     that only cleans up: the rm joins it, and the file never reaches a
//     layer;
//   - "Do not copy <file>" (rewrite) when a COPY brings in one file that a
//     later RUN only removes, and nothing in between names it: both go.
//     It changes what the build does if something did need the file, so it
//     is never part of fix-all.
func fixRemovedFile(f *analysis.File, fd analysis.Finding) []Fix {
	data, ok := fd.Data.(rules.RemovedLater)
	if !ok {
		return nil
	}
	run := f.InstructionAt(int(fd.Range.Start.Offset))
	creator := f.Resolve(fd, data.Creator)
	if run == nil || run.Name != "run" || creator == nil {
		return nil
	}
	var out []Fix
	if data.CleanupOnly && creator.Name == "run" {
		if edits, ok := moveIntoPrevious(f, creator, run, []string{data.Path}); ok {
			out = append(out, Fix{
				Title:     "Move cleanup into the RUN that created the files",
				Kind:      QuickFix,
				Preferred: true,
				Edits:     edits,
			})
		}
	}
	if file := data.Uncopy; file != "" && (creator.Name == "copy" || creator.Name == "add") {
		out = append(out, Fix{
			Title: "Do not copy " + file,
			Kind:  RefactorRewrite,
			Edits: []Edit{deleteInstruction(f, creator), deleteInstruction(f, run)},
		})
	}
	return out
}
