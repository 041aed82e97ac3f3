package e2e

import (
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestServerNeverRunsProcessesOrDials holds the promise that nothing a
// Dockerfile contains is ever executed and the server needs no network: no
// package linked into the binary imports os/exec, and layerwise's own
// packages neither import networking nor call a dial (cmd/layerwise only
// listens, for --listen).
func TestServerNeverRunsProcessesOrDials(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "../cmd/layerwise").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "os/exec" || pkg == "plugin" {
			t.Errorf("the layerwise binary links %s", pkg)
		}
	}
	forbidden := map[string]bool{"os/exec": true, "net": true, "net/http": true, "syscall": true, "plugin": true}
	for _, dir := range []string{"analysis", "fixes", "project", "server"} {
		pkg, err := build.ImportDir(filepath.Join("..", dir), 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range pkg.Imports {
			if !forbidden[imp] {
				continue
			}
			for _, pos := range pkg.ImportPos[imp] {
				// One exception: project opens configuration files with
				// syscall.O_NONBLOCK, so that a FIFO cannot hang it.
				if imp == "syscall" && dir == "project" && filepath.Base(pos.Filename) == "open_unix.go" {
					continue
				}
				t.Errorf("package %s imports %s (%s)", dir, imp, pos)
			}
		}
	}
	for _, dir := range []string{"analysis", "fixes", "project", "server", "cmd/layerwise"} {
		files, _ := filepath.Glob(filepath.Join("..", dir, "*.go"))
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for _, call := range []string{"net.Dial", "http.Get", "http.Post", "http.NewRequest", "exec.Command", "syscall.Exec", "os.StartProcess"} {
				if strings.Contains(string(src), call) {
					t.Errorf("%s calls %s", file, call)
				}
			}
		}
	}
}
