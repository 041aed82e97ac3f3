package analysis

// allRules is every rule of this package; a step of the move into package
// rules.
var allRules = sortedRules(append(buildkitRules, []*Rule{
	addInsteadOfCopy,
	apkNoCache,
	aptGetMissingYes,
	aptListsNotCleaned,
	aptNoInstallRecommends,
	aptUpdateAlone,
	buildToolsInFinalStage,
	cleanupInSeparateLayer,
	consecutiveRun,
	copyAllBeforeDeps,
	copyThenChmod,
	fileRemovedInLaterLayer,
	installAfterCopyAll,
	jsCacheNotCleaned,
	jsonArgsBroken,
	largeBaseImage,
	missingDockerignore,
	pipNoCacheDir,
	rpmCacheNotCleaned,
	sdkImageInFinalStage,
	useAptGet,
}...))

func sortedRules(rs []*Rule) []*Rule { SortRules(rs); return rs }

// BuiltinRules lists every rule of this package, sorted; a step of the move
// into package rules.
func BuiltinRules() []*Rule { return allRules }
