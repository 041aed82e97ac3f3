package rules

import (
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/layerwise/layerwise/analysis"
)

var consecutiveRun = &analysis.Rule{
	ID:       "consecutive-run",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryLayers,
	Severity: analysis.SeverityHint,
	Summary:  "Consecutive RUN instructions each add a layer; merge them",
	Aliases:  []string{"DL3059"},
	Doc: `Every RUN commits a layer. Files created by one RUN and deleted by the
next stay in the first layer for good, and each layer adds metadata and a
cache entry. Merging consecutive RUNs into one keeps temporary files out of the
image. Measured: replacing a chain of cleanup RUNs with one RUN took an image
from 2.19 GB to 1.05 GB.

It is a trade-off: separate RUNs cache separately, so a slow, stable step
(installing a toolchain) may deserve its own layer. That is why this is a
hint, not a warning, and why a RUN that chains more than two commands is
left alone: it is a self-contained step its author chose to keep apart (the
style of the official images, where each RUN installs, uses and cleans up
after itself), and it ends the run of RUNs before and after it. hadolint's
DL3059 already leaves a RUN of two chained commands alone; layerwise does
not, on purpose: a lone ` + "`apt-get update`" + ` followed by
` + "`RUN apt-get install ... && rm -rf /var/lib/apt/lists/*`" + ` is the case this
rule exists for. Only stages whose layers end up in the image are checked: a
builder stage's layers are thrown away.

Bad:

    RUN apt-get update
    RUN apt-get install -y --no-install-recommends curl
    RUN rm -rf /var/lib/apt/lists/*

Good:

    RUN apt-get update \
     && apt-get install -y --no-install-recommends curl \
     && rm -rf /var/lib/apt/lists/*

Comments and blank lines between RUNs do not break a run; exec-form RUNs,
heredoc RUNs and RUNs with different flags (--mount, --network) are never
merged. Silence with ` + "`# layerwise ignore=consecutive-run`" + ` (or hadolint's DL3059).`,
	Scope: analysis.ScopeStageInPlace,
	Run:   checkConsecutiveRun,
}

// MergeRuns is the Data of consecutive-run: the first and last RUN of the
// run, so that the fix merges the whole run in one action.
type MergeRuns struct{ First, Last analysis.Ref }

// checkConsecutiveRun reports each run of mergeable RUNs once, on the second
// RUN (the first one that could go), pointing at the others.
func checkConsecutiveRun(p *analysis.Pass) {
	st := p.Stage
	if !p.Ships(st) {
		return
	}
	var run []*analysis.Instruction
	flush := func() {
		if len(run) > 1 {
			first, last := run[0], run[len(run)-1]
			msg := strconv.Itoa(len(run)) + " RUN instructions in a row, each a layer: merge them into one"
			if len(run) > 2 {
				msg += " (lines " + strconv.Itoa(int(first.Range.Start.Line)+1) + "-" + strconv.Itoa(int(last.Range.Start.Line)+1) + ")"
			}
			fd := analysis.Finding{Range: run[1].Keyword.Range, Message: msg, Data: MergeRuns{First: p.Ref(first), Last: p.Ref(last)}}
			fd.Related = []analysis.Related{{Range: first.Keyword.Range, Message: "the run of RUN instructions starts here"}}
			for _, in := range run[2:] {
				fd.Related = append(fd.Related, analysis.Related{Range: in.Keyword.Range, Message: "and continues here"})
			}
			p.Report(fd)
		}
		run = nil
	}
	for _, in := range st.Instructions {
		if !mergeableRun(in) || len(in.Shell(p.File).Commands) > maxMergedCommands {
			flush()
			continue
		}
		if len(run) > 0 && flagText(run[0]) != flagText(in) {
			flush()
		}
		run = append(run, in)
	}
	flush()
}

// maxMergedCommands is the most commands a RUN may chain and still be
// worth merging with its neighbours: more is a deliberate, self-contained
// step (hadolint's DL3059 draws the line at two as well).
const maxMergedCommands = 2

// mergeableRun is a shell-form RUN without heredocs.
func mergeableRun(in *analysis.Instruction) bool {
	run, ok := in.Command().(*instructions.RunCommand)
	return ok && run.PrependShell && len(in.Heredocs) == 0
}

func flagText(in *analysis.Instruction) string {
	parts := make([]string, len(in.Flags))
	for i, f := range in.Flags {
		parts[i] = f.Name + "=" + f.Value
	}
	return strings.Join(parts, " ")
}
