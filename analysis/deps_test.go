package analysis

import (
	"testing"
)

// TestMayInstallDepsKnowsEveryInstaller keeps depTools, the quick first
// look, in step with classifyDepInstall: every command of the corpus that
// classifyDepInstall takes for a dependency install must pass it.
func TestMayInstallDepsKnowsEveryInstaller(t *testing.T) {
	installs := 0
	for name, text := range testFiles(t) {
		f := Parse(text)
		for _, in := range f.Instructions {
			if in.Name != "run" {
				continue
			}
			for _, c := range in.Shell(f).Commands {
				if _, ok := classifyDepInstall(c, "/app", ""); !ok {
					continue
				}
				installs++
				if !mayInstallDeps(c) {
					t.Errorf("%s: %s installs dependencies, but mayInstallDeps passes it over: add it to depTools", name, c.Base())
				}
			}
		}
	}
	if installs == 0 {
		t.Fatal("the corpus holds no dependency install")
	}
}
