package rules

import (
	"path"
	"testing"
)

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
