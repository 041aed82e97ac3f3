package rules

import (
	"path/filepath"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

// ReliesOnSquash reports whether the Dockerfile at path is written for a
// build into one layer: it is a Containerfile (the name Buildah and Podman
// read), and a RUN of its own cleans a package manager's cache after
// earlier RUNs of the stage used that package manager. `buildah build`
// commits no intermediate layers by default, and there such a cleanup
// does shrink the image; written for a layered build, it is the mistake
// cleanup-in-separate-layer explains. A Dockerfile is taken to be built
// with layers; `squash:` in the configuration says it either way.
func ReliesOnSquash(f *analysis.File, path string) bool {
	if !containerfileName(filepath.Base(path)) {
		return false
	}
	for _, st := range f.Stages {
		managers := map[string]bool{} // the package managers earlier RUNs ran
		for _, in := range st.Instructions {
			if !in.Runs() {
				continue
			}
			if cleanupOnlyRun(f, in) && cleansCacheOf(f, in, managers) {
				return true
			}
			for _, c := range in.Shell(f).Commands {
				managers[c.Base()] = true
			}
		}
	}
	return false
}

// containerfileName reports whether name is Containerfile,
// Containerfile.<variant> or <variant>.containerfile.
func containerfileName(name string) bool {
	lower := strings.ToLower(name)
	return lower == "containerfile" || strings.HasPrefix(lower, "containerfile.") || strings.HasSuffix(lower, ".containerfile")
}

// cleansCacheOf reports whether the cleanup RUN in cleans the cache of a
// package manager that ran before it (`dnf clean all` after `dnf install`).
func cleansCacheOf(f *analysis.File, in *analysis.Instruction, managers map[string]bool) bool {
	rp := analysis.NewRunPaths(f, in)
	for _, c := range in.Shell(f).Commands {
		if cc, ok := cleanupCommand(f, in, rp, c); ok && cc.manager != "" && managers[c.Base()] {
			return true
		}
	}
	return false
}
