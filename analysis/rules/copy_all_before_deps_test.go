package rules

import (
	"path"
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
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

// TestSolutionRestoreNamesTheProjects: `dotnet restore X.sln` needs every
// project the solution lists, so copying the .sln alone first is not the
// advice.
func TestSolutionRestoreNamesTheProjects(t *testing.T) {
	f := analysis.Parse("FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet restore App.sln\n")
	for _, fd := range analysis.AnalyzeWith(f, []*analysis.Rule{copyAllBeforeDeps}, analysis.Options{}) {
		if !strings.Contains(fd.Message, "App.sln and every project file (*.csproj) it lists") {
			t.Errorf("message: %s", fd.Message)
		}
		return
	}
	t.Fatal("no finding")
}
