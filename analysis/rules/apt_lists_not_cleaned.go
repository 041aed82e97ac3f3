package rules

import "github.com/layerwise/layerwise/analysis"

// aptListsDir is where `apt-get update` writes the package lists.
const aptListsDir = "/var/lib/apt/lists"

var aptListsNotCleaned = &analysis.Rule{
	ID:         "apt-lists-not-cleaned",
	Source:     analysis.SourceLayerwise,
	Category:   analysis.CategorySize,
	LayerBound: true,
	Severity:   analysis.SeverityWarning,
	Summary:    "apt-get install in a RUN that fetched the package lists and does not remove them",
	Aliases:    []string{"DL3009"},
	Doc: "`apt-get update` downloads the package lists of every configured repository into " +
		"`/var/lib/apt/lists`. The install needs them; the image never does again. Unless the " +
		"same RUN removes them, they are committed with the layer and shipped with every pull.\n\n" +
		"Measured: in *Docker High Performance* (ch. 2) the lists left by `apt-get update` " +
		"made a 9.8 MB layer; removing them in a later RUN produced a 0 B layer and saved " +
		"nothing. Only removal in the same RUN helps.\n\n" +
		"Bad:\n\n" +
		"    RUN apt-get update && apt-get install -y --no-install-recommends curl\n\n" +
		"Good:\n\n" +
		"    RUN apt-get update \\\n" +
		"     && apt-get install -y --no-install-recommends curl \\\n" +
		"     && rm -rf /var/lib/apt/lists/*\n\n" +
		"Reported for a RUN that runs `apt-get update` (or `add-apt-repository`) and installs " +
		"after it; a separate `apt-get update` RUN is reported as `apt-update-alone`. A RUN " +
		"whose `--mount=type=cache` (or `type=tmpfs`) holds `/var/lib/apt/lists` keeps the " +
		"lists out of the layer and is not reported. Only stages that end up in the image are " +
		"checked.\n\n" +
		"The quick fix appends `&& rm -rf /var/lib/apt/lists/*` right after the last apt " +
		"command of the RUN, or moves a cleanup RUN that follows into this one. It is not " +
		"offered when a later RUN of the stage still installs with these lists (update there, " +
		"or merge the RUNs first). `ONBUILD RUN` is checked like RUN: its layer lands in every image built FROM this one. Silence with `# layerwise ignore=apt-lists-not-cleaned` " +
		"(or hadolint's DL3009).",
	Scope: analysis.ScopeStageAndChildren,
	Run:   checkAptListsNotCleaned,
}

// AptListsCleanup is the Data of an apt-lists-not-cleaned finding that a
// fix can mend: move the cleanup RUN Move, right after the finding's RUN,
// into it; or, when Move is the zero Ref, append the removal after the
// top-level step of the RUN that holds the offset After, counted from the
// RUN's start (its last apt command).
type AptListsCleanup struct {
	Move  analysis.Ref
	After int
}

func checkAptListsNotCleaned(p *analysis.Pass) {
	f := p.File
	for _, in := range p.ShippedCommands() {
		if analysis.CacheMounted(in, aptListsDir) {
			continue
		}
		cmds := in.Shell(f).Commands
		last := analysis.LastOf(cmds, analysis.AptInstalls)
		if last == nil || aptListsCleanedAfter(f, in, last) {
			continue
		}
		updated := false
		for _, c := range cmds {
			if c.Range.Start.Offset < last.Range.Start.Offset && analysis.AptUpdates(c) {
				updated = true
			}
		}
		if !updated {
			continue // the lists come from an earlier layer: apt-update-alone's business
		}
		fd := analysis.Finding{Range: analysis.CommandSpan(last), Message: "`" + last.Base() + " " + last.SubcommandText() + "` without `rm -rf /var/lib/apt/lists/*` after it in the same RUN: the package lists fetched by apt-get update (about 10 MB) stay in this layer"}
		switch next := nextInStage(in); {
		case in.OnBuild == nil && next != nil && removesAptListsOnly(f, next):
			fd.Data = AptListsCleanup{Move: p.Ref(next)}
			fd.Related = append(fd.Related, analysis.Related{Range: next.Keyword.Range, Message: "this RUN removes the lists one layer too late: move it into the RUN that fetched them"})
		default:
			if reader := laterListsReader(f, in); reader != nil && in.OnBuild == nil {
				fd.Related = append(fd.Related, analysis.Related{Range: reader.Keyword.Range, Message: "this later RUN still installs with the same lists: removing them here would break it; update in that RUN, or merge the two"})
				break
			}
			after := analysis.LastOf(cmds, func(c *analysis.Command) bool {
				return analysis.IsApt(c) || c.Is("apt-cache", "add-apt-repository") || analysis.RunsScript(c)
			})
			fd.Data = AptListsCleanup{After: afterOffset(in, after)}
		}
		p.Report(fd)
	}
}

// aptListsCleanedAfter reports whether the RUN removes the package lists
// after command c: rm, find -delete or `apt-get distclean`.
func aptListsCleanedAfter(f *analysis.File, in *analysis.Instruction, c *analysis.Command) bool {
	if analysis.RemovesAfter(f, in, c, aptListsDir) {
		return true
	}
	for _, x := range in.Shell(f).Commands {
		if x.Range.Start.Offset >= c.Range.End.Offset && analysis.IsApt(x) && (x.SubcommandText() == "distclean" || x.SubcommandText() == "dist-clean") {
			return true
		}
	}
	return false
}

// afterInStage lists the instructions after in, in its stage.
func afterInStage(in *analysis.Instruction) []*analysis.Instruction {
	ins := in.Stage.Instructions
	// A stage's instructions are consecutive in the file.
	if i := in.Index - ins[0].Index; i >= 0 && i < len(ins) && ins[i] == in {
		return ins[i+1:]
	}
	for i, x := range ins {
		if x == in {
			return ins[i+1:]
		}
	}
	return nil
}

// between lists the instructions after a and before b, both of one
// stage: a slice of the stage's, found by position (a stage's instructions
// are consecutive in the file), not by a walk over the stage.
func between(a, b *analysis.Instruction) []*analysis.Instruction {
	rest := afterInStage(a)
	if n := b.Index - a.Index - 1; n >= 0 && n < len(rest) && rest[n] == b {
		return rest[:n]
	}
	var out []*analysis.Instruction // not where expected: walk
	for _, x := range rest {
		if x == b {
			return out
		}
		out = append(out, x)
	}
	return nil
}

// nextInStage is the instruction right after in, in its stage.
func nextInStage(in *analysis.Instruction) *analysis.Instruction {
	if rest := afterInStage(in); len(rest) > 0 {
		return rest[0]
	}
	return nil
}

// removesAptListsOnly reports whether in is a RUN that only cleans up and
// removes the package lists among what it cleans.
func removesAptListsOnly(f *analysis.File, in *analysis.Instruction) bool {
	if in.Name != "run" || !cleanupOnlyRun(f, in) {
		return false
	}
	for _, c := range in.Shell(f).Commands {
		if analysis.RemovesDirs(c, aptListsDir) || analysis.IsApt(c) && (c.SubcommandText() == "distclean" || c.SubcommandText() == "dist-clean") {
			return true
		}
	}
	return false
}

// listsUse is what a RUN does first with the package lists an earlier
// layer left: nothing, read them (or run a script that may), or replace
// them (update, removal).
type listsUse int

const (
	listsUntouched listsUse = iota
	listsRead
	listsReplaced
)

func runListsUse(f *analysis.File, in *analysis.Instruction) listsUse {
	if in.Name != "run" || analysis.CacheMounted(in, aptListsDir) {
		return listsUntouched
	}
	for _, c := range in.Shell(f).Commands {
		switch {
		case analysis.AptUpdates(c) || analysis.RemovesDirs(c, aptListsDir):
			return listsReplaced
		case analysis.AptReadsLists(c) || analysis.RunsScript(c):
			return listsRead
		}
	}
	return listsUntouched
}

// laterListsReader is the first RUN after in (in its stage, then in the
// stages built FROM it) that reads the package lists in's layer leaves,
// or nil.
func laterListsReader(f *analysis.File, in *analysis.Instruction) *analysis.Instruction {
	reader, replaced := listsReaderAmong(f, afterInStage(in))
	if reader != nil || replaced {
		return reader
	}
	return childListsReader(f, in.Stage, 0)
}

func listsReaderAmong(f *analysis.File, ins []*analysis.Instruction) (reader *analysis.Instruction, replaced bool) {
	for _, x := range ins {
		switch runListsUse(f, x) {
		case listsRead:
			return x, false
		case listsReplaced:
			return nil, true
		}
	}
	return nil, false
}

// childListsReader looks for a reader in the stages built FROM st.
func childListsReader(f *analysis.File, st *analysis.Stage, depth int) *analysis.Instruction {
	if depth > len(f.Stages) {
		return nil
	}
	for _, child := range f.Stages {
		if child.Index <= st.Index || f.Parent(child) != st {
			continue
		}
		reader, replaced := listsReaderAmong(f, child.Instructions)
		if reader != nil {
			return reader
		}
		if !replaced {
			if r := childListsReader(f, child, depth+1); r != nil {
				return r
			}
		}
	}
	return nil
}
