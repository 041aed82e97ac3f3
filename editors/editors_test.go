package editors

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEditors runs editors/test.sh for each editor: the real layerwise binary
// driven through VS Code's client library, Neovim's and Emacs's LSP clients,
// and the JetBrains/Helix files checked for shape. test.sh installs what is
// missing; a suite is skipped only when it reports (exit 77) that its editor
// cannot be installed on this machine.
func TestEditors(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("editors: bash is not installed, so editors/test.sh cannot run")
	}
	bin := filepath.Join(t.TempDir(), "layerwise")
	build := exec.Command("go", "build", "-o", bin, "./cmd/layerwise")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/layerwise: %v\n%s", err, out)
	}
	for _, suite := range []string{"vscode", "nvim", "emacs", "static"} {
		t.Run(suite, func(t *testing.T) {
			start := time.Now()
			cmd := exec.Command("bash", "test.sh", suite)
			cmd.Env = append(os.Environ(), "LAYERWISE_BIN="+bin)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			var exit *exec.ExitError
			switch {
			case err == nil:
				t.Logf("editors/test.sh %s passed in %s\n%s", suite, time.Since(start).Round(time.Millisecond), tail(out.String(), 40))
			case errors.As(err, &exit) && exit.ExitCode() == 77:
				t.Skipf("editors/test.sh %s could not install its editor here:\n%s", suite, skipLines(out.String()))
			default:
				t.Fatalf("editors/test.sh %s: %v\n%s", suite, err, out.String())
			}
		})
	}
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func skipLines(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "SKIP ") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
