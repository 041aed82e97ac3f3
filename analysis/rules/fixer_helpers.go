package rules

import "github.com/layerwise/layerwise/analysis"

// What the fixers of package fixes ask the rules, besides the Data types
// each rule declares: the same judgement a rule made, so a fix and its
// finding never disagree. One import (rules) gives a fixer all of it.

// OnlyInstallsOSPackages reports whether a RUN runs nothing but system
// package-manager commands (and removals of absolute paths) that name no
// local file: moving it past a COPY of the build context cannot change
// what it does.
func OnlyInstallsOSPackages(f *analysis.File, in *analysis.Instruction) bool {
	if in.Name != "run" || len(in.Shell(f).Commands) == 0 {
		return false
	}
	return osPackageWorkOnly(f, in, func(string) bool { return true })
}

// ApkRedundantUpdate is the `apk update` of the RUN of c that becomes
// redundant once c gets --no-cache, or nil.
func ApkRedundantUpdate(f *analysis.File, in *analysis.Instruction, c *analysis.Command) *analysis.Command {
	for _, x := range in.Shell(f).Commands {
		if x.Range.Start.Offset >= c.Range.Start.Offset {
			break
		}
		if x.Is("apk") && x.SubcommandText() == "update" && apkUpdateRedundant(f, in, x, c) {
			return x
		}
	}
	return nil
}

// RecommendsInstalls are the installs apt-no-install-recommends reports
// in the stage of in, with their instructions: all of them or none, since
// one that turns recommends off makes the others a choice. Its fix turns
// recommends off for all of them at once, so that fixing one never makes
// the rest look chosen.
func RecommendsInstalls(f *analysis.File, in *analysis.Instruction) map[*analysis.Instruction][]*analysis.Command {
	st := in.Stage
	if st == nil || recommendsChosen(f, st) {
		return nil
	}
	out := map[*analysis.Instruction][]*analysis.Command{}
	for _, x := range st.Instructions {
		if x.Runs() {
			if cmds := stageAptInstalls(f, x); len(cmds) > 0 {
				out[x] = cmds
			}
		}
	}
	return out
}
