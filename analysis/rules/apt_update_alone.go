package rules

import "github.com/layerwise/layerwise/analysis"

var aptUpdateAlone = &analysis.Rule{
	ID:       "apt-update-alone",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCache,
	Severity: analysis.SeverityWarning,
	Summary:  "apt-get update without an install in the same RUN: a stale index is cached, and the lists stay in the image",
	Doc: "The build cache keys a RUN on its text. A RUN that only runs `apt-get update` never " +
		"changes, so after its first build it is never run again: when you later add a " +
		"package to the next RUN, that install reads the index cached weeks ago and fails on " +
		"versions the mirror no longer has, or silently installs old ones. The lists it " +
		"downloaded stay in its own layer, and no later `rm` can take them out.\n\n" +
		"Measured: in *Docker High Performance* (ch. 2) the separate `apt-get update` layer " +
		"weighed 9.8 MB; the `rm -rf /var/lib/apt/lists/*` RUN after the install was 0 B and " +
		"saved nothing.\n\n" +
		"Bad:\n\n" +
		"    RUN apt-get update\n" +
		"    RUN apt-get install -y --no-install-recommends openjdk-8-jre-headless\n\n" +
		"Good:\n\n" +
		"    RUN apt-get update \\\n" +
		"     && apt-get install -y --no-install-recommends openjdk-8-jre-headless \\\n" +
		"     && rm -rf /var/lib/apt/lists/*\n\n" +
		"The quick fix merges the lone `apt-get update` into the next RUN of the stage that " +
		"installs (`apt-get update && ` goes in front of it), or removes it when nothing later " +
		"in the stage reads the lists. It is not offered when the RUN does other work too, " +
		"when it keeps the lists on a cache mount, " +
		"or when a script run later might need the lists. Checked in every stage: a stale " +
		"index breaks builder stages as well. Silence with `# layerwise ignore=apt-update-alone`.",
	Scope: analysis.ScopeStageAndChildren,
	Run:   checkAptUpdateAlone,
}

// AptUpdateFix is the Data of an apt-update-alone finding on a RUN that
// only updates: the fix merges the update into the later RUN Into, or
// deletes it when Into is the zero Ref (nothing later reads the lists).
type AptUpdateFix struct{ Into analysis.Ref }

func checkAptUpdateAlone(p *analysis.Pass) {
	st := p.Stage
	f := p.File
	for _, in := range st.Instructions {
		if in.Name != "run" {
			continue
		}
		cmds := in.Shell(f).Commands
		update := analysis.LastOf(cmds, func(c *analysis.Command) bool { return analysis.IsApt(c) && c.SubcommandText() == "update" })
		if update == nil {
			continue
		}
		installs := false
		for _, c := range cmds {
			if c.Range.Start.Offset > update.Range.Start.Offset && analysis.AptInstalls(c) {
				installs = true
			}
		}
		if installs {
			continue
		}
		msg := "`" + update.Base() + " update` without an install after it in the same RUN: the RUN is cached on its own, so later installs read a stale package index"
		if !analysis.CacheMounted(in, aptListsDir) {
			msg += ", and the package lists (about 10 MB) stay in this layer"
		}
		fd := analysis.Finding{Range: analysis.CommandSpan(update), Message: msg}
		alone := true
		for _, c := range cmds {
			if !analysis.IsApt(c) || c.SubcommandText() != "update" {
				alone = false
			}
		}
		target, action := updateDestination(f, in)
		if target != nil {
			fd.Related = append(fd.Related, analysis.Related{Range: target.Keyword.Range, Message: "the next RUN that reads the package lists: update there"})
		}
		switch {
		case alone && action == "merge":
			fd.Data = AptUpdateFix{Into: p.Ref(target)}
		case alone && action == "delete":
			fd.Data = AptUpdateFix{}
		}
		p.Report(fd)
	}
}

// updateDestination decides where a lone `apt-get update` belongs: "merge"
// into the next RUN of the stage that reads the lists; "delete" when the
// next RUN that touches them runs its own update or removes them, or when
// nothing later reads them (in the stage or the stages built FROM it); ""
// when a script may read them, or when in keeps the lists on a mount.
func updateDestination(f *analysis.File, in *analysis.Instruction) (*analysis.Instruction, string) {
	if analysis.CacheMounted(in, aptListsDir) {
		return nil, "" // the lists live on a mount whose readers are not traced
	}
	for _, x := range afterInStage(in) {
		if x.Name != "run" || analysis.CacheMounted(x, aptListsDir) {
			continue
		}
		for _, c := range x.Shell(f).Commands {
			switch {
			case analysis.AptUpdates(c) || analysis.RemovesDirs(c, aptListsDir):
				return nil, "delete"
			case analysis.RunsScript(c):
				return x, ""
			case analysis.AptReadsLists(c):
				return x, "merge"
			}
		}
	}
	if childListsReader(f, in.Stage, 0) != nil {
		return nil, ""
	}
	return nil, "delete"
}
