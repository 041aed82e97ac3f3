// Package architecture_test holds the packages to the boundaries
// ARCHITECTURE.md draws: what each package may import of layerwise and of
// the protocol libraries.
package architecture_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/layerwise/layerwise/"

// allowed lists, per package, the layerwise packages its non-test files may
// import; a package not listed may import none.
var allowed = map[string][]string{
	"analysis":        nil,
	"analysis/rules":  {"analysis"},
	"analysis/ide":    {"analysis"},
	"fixes":           {"analysis", "analysis/rules"},
	"project":         {"analysis", "analysis/rules"},
	"server":          {"analysis", "analysis/ide", "analysis/rules", "fixes", "project", "internal/gctune"},
	"cmd/layerwise":   {"analysis", "analysis/rules", "fixes", "project", "server", "internal/gctune"},
	"bench/lspbench":  {"internal/benchgen"},
	"internal/corpus": {"internal/benchgen"},
}

// protocolFree are the packages that must not know LSP exists, so that the
// CLI and the server share them unchanged.
var protocolFree = []string{"analysis", "analysis/rules", "analysis/ide", "fixes", "project"}

func TestPackageBoundaries(t *testing.T) {
	imports := map[string]map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(path))
		if imports[pkg] == nil {
			imports[pkg] = map[string]bool{}
		}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			imports[pkg][p] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, must := range []string{"analysis", "analysis/rules", "analysis/ide", "fixes", "server"} {
		if imports[must] == nil {
			t.Fatalf("package %s not found: is the test run from the repository root?", must)
		}
	}
	for pkg, ims := range imports {
		if strings.HasPrefix(pkg, "internal/bkcompare") {
			continue // a module of its own, for tests only
		}
		for p := range ims {
			own, ok := strings.CutPrefix(p, module)
			if !ok {
				continue
			}
			if !contains(allowed[pkg], own) {
				t.Errorf("%s imports %s, which ARCHITECTURE.md does not allow", pkg, own)
			}
		}
	}
	for _, pkg := range protocolFree {
		for p := range imports[pkg] {
			if strings.HasPrefix(p, "go.lsp.dev/") {
				t.Errorf("%s imports %s: it must not know the protocol", pkg, p)
			}
		}
	}
	for pkg, ims := range imports {
		if ims["github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"] {
			t.Errorf("%s imports dockerfile2llb, which the binary never links", pkg)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
