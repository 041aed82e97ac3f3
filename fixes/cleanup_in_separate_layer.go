package fixes

import (
	"slices"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// moveCleanup moves a cleanup-only RUN into the RUN right before it, so the
// files are deleted in the layer that wrote them:
//
//	RUN apt-get update && apt-get install -y curl
//	RUN rm -rf /var/lib/apt/lists/*
//
// becomes
//
//	RUN apt-get update && apt-get install -y curl \
//	    && rm -rf /var/lib/apt/lists/*
//
// It is offered only when the previous instruction of the stage is a
// shell-form RUN that wrote some of the files (the finding's "creators"):
// moving the cleanup into any other RUN would silence the finding without
// shrinking the image. What the build produces is unchanged except for the
// layers.
func moveCleanup(f *analysis.File, fd analysis.Finding) []Fix {
	data, ok := fd.Data.(rules.CleanupMove)
	run := f.InstructionAt(int(fd.Range.Start.Offset))
	if !ok || run == nil || run.Name != "run" {
		return nil
	}
	prev := previousInStage(run)
	if prev == nil || !slices.ContainsFunc(data.Creators, func(r analysis.Ref) bool { return f.Resolve(fd, r) == prev }) {
		return nil // moving it there would hide the finding, not shrink the image
	}
	edits, ok := moveIntoPrevious(f, prev, run, data.Paths)
	if !ok {
		return nil
	}
	return []Fix{{
		Title:     "Move cleanup into the RUN that created the files",
		Kind:      QuickFix,
		Preferred: true,
		Edits:     edits,
	}}
}
