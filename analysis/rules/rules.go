// Package rules holds every check layerwise ships, as analysis.Rule values,
// one file each, and All: the one list that the server, the CLI and the
// tests give the driver (analysis.AnalyzeWith). There is no registry: a new
// rule is a new file, its fixtures under testdata/rules/<id>/, and a line in
// layerwise below.
//
// A rule sees the model's exported API only (package analysis): the file,
// its stages, instructions and shell commands, and the facts rules share
// (created and removed paths, mounts, package-manager and dependency
// classification). What it declares in its Scope is all the cache needs.
// The types of Finding.Data declared here (MergeRuns, CacheClean, ...) are
// what the rules tell their fixers in package fixes.
package rules

import (
	"slices"

	"github.com/layerwise/layerwise/analysis"
)

// layerwise lists layerwise's own rules.
var layerwise = []*analysis.Rule{
	addInsteadOfCopy,
	addRemoteArchive,
	apkNoCache,
	aptGetMissingYes,
	aptListsNotCleaned,
	aptNoInstallRecommends,
	aptUpdateAlone,
	baseImageUnpinned,
	buildToolsInFinalStage,
	cleanupInSeparateLayer,
	consecutiveRun,
	copyAllBeforeDeps,
	copyDestNotDir,
	copyFromUnknownStage,
	copyThenChmod,
	fileRemovedInLaterLayer,
	heredocWithoutErrexit,
	installAfterCopyAll,
	jsCacheNotCleaned,
	jsonArgsBroken,
	largeBaseImage,
	missingDockerignore,
	mountInvalid,
	pipNoCacheDir,
	pipefailRule,
	rpmCacheNotCleaned,
	rootUser,
	rpmInstallMissingYes,
	runCd,
	scratchNoShell,
	sdkImageInFinalStage,
	shellMissingOnBase,
	sudoRule,
	useAptGet,
	useraddNoL,
	wgetNoProgress,
}

// all is every rule, in the order lists of rules are shown.
var all = sorted(slices.Concat(buildkit, layerwise))

func sorted(rules []*analysis.Rule) []*analysis.Rule {
	analysis.SortRules(rules)
	return rules
}

// All lists every rule layerwise ships, sorted by source, then ID.
func All() []*analysis.Rule { return slices.Clone(all) }

// Lookup finds one of All by ID.
func Lookup(id string) (*analysis.Rule, bool) { return analysis.FindRule(all, id) }
