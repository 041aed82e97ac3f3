// Package fixes turns findings into text edits: one fixer per rule ID, plus
// fix-all. Like package analysis it is pure — no I/O, no LSP — so the
// server and the CLI share it.
package fixes

import (
	"fmt"
	"github.com/aymanbagabas/go-udiff"
	"sort"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

// Kind says how safe a fix is. Quick fixes keep the build's behaviour and may
// be applied all at once; rewrites change what the build does (the order of
// COPYs, the stages) and are only ever applied one by one, on request.
type Kind string

// Kinds, named after the LSP code action kinds they become.
const (
	QuickFix        Kind = "quickfix"
	RefactorRewrite Kind = "refactor.rewrite"
)

// Edit replaces the bytes [Start, End) of the Dockerfile with NewText.
type Edit struct {
	Start, End int
	NewText    string
}

// CreateFile asks the client to create a file next to the Dockerfile.
type CreateFile struct {
	Name    string // relative to the Dockerfile's folder
	Content string
}

// Fix is one way to resolve a finding.
type Fix struct {
	Title     string
	Kind      Kind
	Preferred bool // the obvious fix, applied by "auto fix" shortcuts
	Edits     []Edit
	Create    []CreateFile
}

// Fixer proposes fixes for a finding of its rule in f.
type Fixer func(f *analysis.File, fd analysis.Finding) []Fix

// fixers maps a rule ID to its fixer: every rule with a fix, one line
// each (no registry). The fixer of a rule lives in the file named after
// the rule, or with its family (pkgmgr.go, buildkit.go, simple.go).
var fixers = map[string]Fixer{
	// BuildKit's checks (buildkit.go)
	"ConsistentInstructionCasing": matchInstructionCasing,
	"FromAsCasing":                matchAsCasing,
	"JSONArgsRecommended":         toExecForm,
	"LegacyKeyValueFormat":        toKeyValue,
	"MaintainerDeprecated":        maintainerToLabel,
	"StageNameCasing":             lowercaseStage,

	// Package managers (pkgmgr.go)
	"apk-no-cache":              addApkNoCache,
	"apt-get-missing-yes":       addAptYes,
	"apt-lists-not-cleaned":     cleanAptLists,
	"apt-no-install-recommends": addNoInstallRecommends,
	"apt-update-alone":          moveAptUpdate,
	"js-cache-not-cleaned":      appendCacheClean,
	"pip-no-cache-dir":          addPipNoCacheDir,
	"rpm-cache-not-cleaned":     appendCacheClean,
	"rpm-install-missing-yes":   addRpmYes,
	"useradd-no-l":              addUseraddNoLogInit,
	"use-apt-get":               useAptGet,

	// Layers and the cache
	"add-instead-of-copy":         addToCopy,
	"cleanup-in-separate-layer":   moveCleanup,
	"consecutive-run":             mergeRuns,
	"copy-all-before-deps":        copyManifestsFirst,
	"copy-then-chmod":             foldPermissions,
	"file-removed-in-later-layer": fixRemovedFile,
	"install-after-copy-all":      moveInstallBeforeCopy,
	"sdk-image-in-final-stage":    splitGoStages,

	// simple.go
	"copy-dest-not-dir":       appendDestSlash,
	"copy-from-unknown-stage": nearestStage,
	"heredoc-without-errexit": setErrexit,
	"json-args-broken":        repairJSONArgs,
	"large-base-image":        useSlimVariant,
	"missing-dockerignore":    createDockerignore,
	"mount-invalid":           fixMount,
	"run-cd":                  cdToWorkdir,
}

// Fixable lists the rule IDs that have a fixer, sorted.
func Fixable() []string {
	ids := make([]string, 0, len(fixers))
	for id := range fixers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// For returns the fixes offered for one finding of f.
func For(f *analysis.File, fd analysis.Finding) []Fix {
	fx := fixers[fd.Code]
	if fx == nil {
		return nil
	}
	return fx(f, fd)
}

// Apply applies non-overlapping edits to text.
func Apply(text string, edits []Edit) (string, error) {
	sorted := append([]Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	var b strings.Builder
	last := 0
	for _, e := range sorted {
		if e.Start < last || e.End < e.Start || e.End > len(text) {
			return "", fmt.Errorf("edit [%d,%d) overlaps an earlier one or leaves the text", e.Start, e.End)
		}
		b.WriteString(text[last:e.Start])
		b.WriteString(e.NewText)
		last = e.End
	}
	b.WriteString(text[last:])
	return b.String(), nil
}

// overlaps reports whether any edit of a touches a range edited by taken.
func overlaps(a []Edit, taken []Edit) bool {
	for _, e := range a {
		for _, t := range taken {
			if e.Start < t.End && t.Start < e.End || e.Start == t.Start {
				return true
			}
		}
	}
	return false
}

// Diffs is the change from before to after as one edit per changed region
// (gopls's diff algorithm, from github.com/aymanbagabas/go-udiff): what an
// editor applies as fix-all, leaving the text between the fixes, and the
// cursor and folds in it, alone. Edits respect UTF-8 boundaries.
func Diffs(before, after string) []Edit {
	var out []Edit
	for _, e := range udiff.Strings(before, after) {
		out = append(out, Edit{Start: e.Start, End: e.End, NewText: e.New})
	}
	return out
}
