package fixes

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// moveInstallBeforeCopy moves an OS package install (with the comments
// right above it) to just before the COPY of the whole build context, so
// source edits no longer re-run it. The rule marks the finding movable only
// when the RUN reads none of the copied files and nothing between the two
// changes its environment.
func moveInstallBeforeCopy(f *analysis.File, fd analysis.Finding) []Fix {
	data, ok := fd.Data.(rules.InstallBeforeCopy)
	if !ok {
		return nil
	}
	cp, ok1 := reorderInstruction(f.Resolve(fd, data.Copy), "copy", "add")
	run, ok2 := reorderInstruction(f.InstructionAt(int(fd.Range.Start.Offset)), "run")
	if !ok1 || !ok2 || cp.Stage == nil || cp.Stage != run.Stage || cp.Index >= run.Index {
		return nil
	}
	nl := newline(f)
	cStart, _ := reorderBlock(f, cp)
	rStart, rEnd := reorderBlock(f, run)
	del := Edit{Start: rStart, End: rEnd}
	if rEnd == len(f.Text) && !strings.HasSuffix(f.Text, "\n") {
		del.Start = reorderTrimNewline(f, rStart)
	}
	return []Fix{{
		Title: "Move package install before COPY",
		Kind:  RefactorRewrite,
		Edits: []Edit{
			{Start: cStart, End: cStart, NewText: reorderText(f, rStart, rEnd, nl)},
			del,
		},
	}}
}
