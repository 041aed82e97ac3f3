package project

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

// The build context is the folder `docker build` sends, and it is not
// always the Dockerfile's own (`docker build -f docker/Dockerfile .`). It
// comes from --context or a `context` setting when given. Otherwise it is
// inferred from the Dockerfile: the folder, at or above the Dockerfile's
// and no higher than the repository's root, in which most of the files the
// Dockerfile copies from the context exist, the nearest one on a tie. A
// Dockerfile that copies nothing by name (only `COPY . .`) has its context
// in its own folder when that folder is a repository's root; otherwise the
// context is unknown, and the rules that read it stay quiet rather than
// guess.

// InferContext finds the build context of the Dockerfile at path whose
// model is f (nil: not parsed), or reports that it cannot tell.
func InferContext(path string, f *analysis.File) (string, bool) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	dir := filepath.Dir(path)
	var sources []string
	if f != nil {
		sources = contextSources(f)
	}
	if len(sources) == 0 {
		if isRepoRoot(dir) {
			return dir, true
		}
		return "", false
	}
	best, bestFound := "", 0
	for candidate := dir; ; {
		found := 0
		for _, src := range sources {
			if _, err := os.Stat(filepath.Join(candidate, filepath.FromSlash(src))); err == nil {
				found++
			}
		}
		if found > bestFound {
			best, bestFound = candidate, found
		}
		parent := filepath.Dir(candidate)
		if found == len(sources) || isRepoRoot(candidate) || parent == candidate {
			break
		}
		candidate = parent
	}
	return best, bestFound > 0
}

// contextSources are the paths a Dockerfile copies from its build context
// by name: the literal sources of COPY and ADD without --from, cleaned and
// relative, leaving out `.`, URLs, heredocs, globs and variables, which
// tell nothing of where the context is.
func contextSources(f *analysis.File) []string {
	seen := map[string]bool{}
	var out []string
	for _, in := range f.Instructions {
		if in.Name != "copy" && in.Name != "add" {
			continue
		}
		if _, ok := in.Flag("from"); ok {
			continue
		}
		spec, ok := analysis.ReadCopy(f, in)
		if !ok {
			continue
		}
		for _, src := range spec.Sources {
			if strings.HasPrefix(src, "<<") || strings.ContainsAny(src, "$*?[") || analysis.IsRemoteSource(src) {
				continue
			}
			clean := path.Clean("/" + src)[1:]
			if clean == "" || seen[clean] {
				continue
			}
			seen[clean] = true
			out = append(out, clean)
		}
	}
	return out
}

// isRepoRoot reports whether dir is the top of a version-controlled tree:
// the build context of a Dockerfile is never above it.
func isRepoRoot(dir string) bool {
	for _, vcs := range []string{".git", ".hg", ".svn"} {
		if _, err := os.Stat(filepath.Join(dir, vcs)); err == nil {
			return true
		}
	}
	return false
}
