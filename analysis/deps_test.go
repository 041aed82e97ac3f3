package analysis

import (
	"path"
	"testing"
)

// TestMayInstallDepsKnowsEveryInstaller keeps depTools, the quick first
// look, in step with classifyDepInstall: every command of the corpus that
// classifyDepInstall takes for a dependency install must pass it.
func TestMayInstallDepsKnowsEveryInstaller(t *testing.T) {
	installs := 0
	for name, text := range corpus(t) {
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

// TestJoinsToIsPathJoin holds joinsTo to path.Join on the names it is
// asked about (no slash, not starting with "..").
func TestJoinsToIsPathJoin(t *testing.T) {
	dirs := []string{"/", "/app", "/app/sub", "/a"}
	names := []string{"", ".", "package.json", "requirements.txt", "a", "*.csproj", ".npmrc"}
	dests := []string{"/", "/app", "/app/package.json", "/package.json", "/app/sub/a", "/a/a", "/appa", "/app/sub", "/a", "/app/.npmrc", "/.npmrc", "/app/*.csproj"}
	for _, dir := range dirs {
		for _, name := range names {
			for _, dest := range dests {
				if got, want := joinsTo(dir, name, dest), path.Join(dir, name) == dest; got != want {
					t.Errorf("joinsTo(%q, %q, %q) = %v, path.Join says %v", dir, name, dest, got, want)
				}
			}
		}
	}
}
