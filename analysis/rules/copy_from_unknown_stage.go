package rules

import (
	"strconv"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var copyFromUnknownStage = &analysis.Rule{
	ID:       "copy-from-unknown-stage",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityError,
	Summary:  "COPY --from (or a RUN --mount from=) names a stage that is not defined before it",
	Aliases:  []string{"DL3022", "DL3023"},
	Doc: "`COPY --from=name` copies from the earlier stage `name` — or, if there is none, " +
		"pulls an image called `name` from Docker Hub. A typo in a stage name (`buidler`) is " +
		"then a failed pull, or, worse, the files of some public image. A stage can also " +
		"not copy from itself or from a stage that comes after it: BuildKit fails with " +
		"*circular dependency* or pulls an image of that name.\n\n" +
		"Bad:\n\n    FROM golang:1.22 AS builder\n    RUN go build -o /app .\n    FROM alpine:3.20\n    COPY --from=buidler /app /app\n\n" +
		"Good:\n\n    COPY --from=builder /app /app\n\n" +
		"Reported: a name one or two letters away from an earlier stage's (a typo), the " +
		"stage's own name or index, a later stage's, and an index past the last stage " +
		"before it. A bare name like nothing in the file (`--from=busybox`, " +
		"`--from=templates`) is an image or a named build context (`--build-context`, a bake " +
		"file) and is left alone, where hadolint's DL3022 reports it. The quick fix puts the nearest stage name. Silence with " +
		"`# layerwise ignore=copy-from-unknown-stage` (or hadolint's DL3022, DL3023).",
	Scope: analysis.ScopeFile,
	Run:   checkCopyFromUnknownStage,
}

// StageTypo is the Data of copy-from-unknown-stage when a stage name is
// near: the name to put instead.
type StageTypo struct{ Name string }

func checkCopyFromUnknownStage(p *analysis.Pass) {
	f := p.File
	for _, st := range f.Stages {
		for _, in := range st.Instructions {
			switch {
			case in.Name == "copy" || in.Name == "add":
				if fl, ok := in.Flag("from"); ok && fl.HasValue {
					checkStageRef(p, st, fl.Value, fl.ValueRange)
				}
			case in.Runs():
				for _, m := range analysis.RunMounts(in) {
					if m.From != "" {
						checkStageRef(p, st, m.From, m.Flag.ValueRange)
					}
				}
			}
		}
	}
}

// checkStageRef judges one reference to a stage from stage st.
func checkStageRef(p *analysis.Pass, st *analysis.Stage, ref string, rng analysis.Range) {
	f := p.File
	if ref == "" || strings.ContainsAny(ref, "$/:@.") {
		return // an image, or a variable
	}
	if n, err := strconv.Atoi(ref); err == nil {
		if n >= st.Index {
			p.Report(analysis.Finding{Range: rng, Message: "--from=" + ref + " is this stage or a later one: a stage can copy only from the stages before it"})
		}
		return
	}
	if strings.EqualFold(st.Name, ref) {
		p.Report(analysis.Finding{Range: rng, Message: "--from=" + ref + " is this stage itself: a stage cannot copy from itself"})
		return
	}
	if f.StageNamed(ref, st.Index) != nil {
		return
	}
	if later := f.StageNamed(ref, -1); later != nil {
		p.Report(analysis.Finding{Range: rng, Message: "--from=" + ref + " is a later stage: a stage can copy only from the stages before it; move stage " + later.Name + " up"})
		return
	}
	var names []string
	for _, s := range f.Stages {
		if s.Index < st.Index && s.Name != "" {
			names = append(names, s.Name)
		}
	}
	near := ""
	for _, n := range names { // a stage named with a prefix: license-set for set
		if strings.HasSuffix(strings.ToLower(n), "-"+strings.ToLower(ref)) || strings.HasPrefix(strings.ToLower(n), strings.ToLower(ref)+"-") {
			near = n
		}
	}
	if near == "" {
		near = stageCased(analysis.Closest(ref, names), names)
	}
	if near != "" {
		p.Report(analysis.Finding{Range: rng, Message: "--from=" + ref + " is no stage of this file (did you mean " + near + "?): it would pull an image called " + ref,
			Data: StageTypo{Name: near}})
	}
}

// stageCased is the stage name, as written, that near (lower-cased by the
// search) stands for.
func stageCased(near string, names []string) string {
	for _, n := range names {
		if near != "" && strings.EqualFold(n, near) {
			return n
		}
	}
	return ""
}
