package fixes

import (
	"slices"
	"strconv"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

func init() { Register("cleanup-in-separate-layer", moveCleanup) }

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
	run := dataInstruction(f, fd, "run")
	if run == nil {
		return nil
	}
	var paths []string
	if p := fd.Data["paths"]; p != "" {
		paths = strings.Split(p, "\n")
	}
	prev := previousInStage(run)
	if prev == nil || !slices.Contains(strings.Split(fd.Data["creators"], ","), strconv.Itoa(prev.Index)) {
		return nil // moving it there would hide the finding, not shrink the image
	}
	edits, ok := moveIntoPrevious(f, prev, run, paths)
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
