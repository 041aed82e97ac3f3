package e2e

import (
	"bufio"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("run %v: %v", args, err)
		}
	}
	return out.String(), errb.String(), cmd.ProcessState.ExitCode()
}

func TestCLIVersionHelpAndUnknownFlag(t *testing.T) {
	if out, _, code := runCLI(t, "", "version"); code != 0 || !strings.HasPrefix(out, "layerwise ") {
		t.Errorf("version: %q exit %d", out, code)
	}
	if out, _, code := runCLI(t, "", "--help"); code != 0 || !strings.Contains(out, "layerwise check FILE") {
		t.Errorf("--help: %q exit %d", out, code)
	}
	if _, errOut, code := runCLI(t, "", "--no-such-flag"); code != 2 || !strings.Contains(errOut, "no-such-flag") {
		t.Errorf("unknown flag: %q exit %d, want a message naming it and exit 2", errOut, code)
	}
	if _, errOut, code := runCLI(t, "", "check"); code != 2 || !strings.Contains(errOut, "no files") {
		t.Errorf("check without files: %q exit %d", errOut, code)
	}
}

func TestCheckPrintsFindingsAndExitsOne(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "Dockerfile")
	os.WriteFile(bad, []byte("FROM alpine:3.19 AS Build\nMAINTAINER me\nNOPE x\n"), 0o644)
	out, _, code := runCLI(t, "", "check", bad)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	want := []string{
		bad + ":1:21: warning StageNameCasing: Stage name 'Build' should be lowercase",
		bad + ":2:1: warning MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label",
		bad + ":3:1: error syntax: unknown instruction: NOPE",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	line := regexp.MustCompile(`^.+:\d+:\d+: (error|warning|info|hint) \S+: .+$`)
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if !line.MatchString(l) {
			t.Errorf("line %q is not FILE:LINE:COL: SEVERITY CODE: MESSAGE", l)
		}
	}
}

func TestCheckCleanFileFromStdinExitsZero(t *testing.T) {
	out, errOut, code := runCLI(t, "FROM alpine:3.19\nRUN echo hi\n", "check", "-")
	if code != 0 || out != "" {
		t.Errorf("clean file: exit %d stdout %q stderr %q", code, out, errOut)
	}
	if _, errOut, code := runCLI(t, "", "check", "/does/not/exist"); code != 1 || !strings.Contains(errOut, "/does/not/exist") {
		t.Errorf("missing file: exit %d stderr %q", code, errOut)
	}
}

// listen starts `layerwise --listen` on a free port and returns the process
// and the address it reports; the process is killed when the test ends.
func listen(t *testing.T) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(binary, "--listen", "127.0.0.1:0", "--log-level", "info")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), "layerwise: listening on "); ok {
				addr <- a
			}
		}
	}()
	select {
	case a := <-addr:
		return cmd, a
	case <-time.After(10 * time.Second):
		t.Fatal("server did not report its address")
	}
	return nil, ""
}

func TestListenServesOneTCPClient(t *testing.T) {
	cmd, a := listen(t)
	conn, err := net.DialTimeout("tcp", a, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	c := &client{t: t, stdin: conn, waiting: map[string]chan message{}, notes: make(chan message, 100), done: make(chan struct{})}
	go c.read(bufio.NewReader(conn))
	c.initialize(nil)
	c.open(uriA, "FROM alpine:3.19\nMAINTAINER me\n", 1)
	if p := c.waitDiagnostics(uriA, 1); len(p.Diagnostics) != 1 {
		t.Errorf("diagnostics over TCP: %v", codes(p.Diagnostics))
	}
	c.call("shutdown", nil)
	c.notify("exit", nil)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		if code := cmd.ProcessState.ExitCode(); code != 0 {
			t.Errorf("exit code %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("TCP server did not exit after shutdown+exit")
	}
}

// TestCLIBuildContext: `docker build -f docker/Dockerfile .` keeps the
// Dockerfile in docker/ and its context at the root. The check infers the
// context from the files the Dockerfile copies, finds the root's
// .dockerignore, and says so only when there is none; --context names it.
func TestCLIBuildContext(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{".git/HEAD", "go.mod", "go.sum", "cmd/app/main.go", "docker/Dockerfile", ".dockerignore"} {
		os.MkdirAll(filepath.Join(root, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(root, p), []byte("x\n"), 0o644)
	}
	dockerfile := filepath.Join(root, "docker", "Dockerfile")
	os.WriteFile(dockerfile, []byte("FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app ./cmd/app\nFROM scratch\nCOPY --from=build /app /app\n"), 0o644)
	missing := func(args ...string) bool {
		out, errOut, code := runCLI(t, "", append([]string{"check"}, args...)...)
		if code == 2 {
			t.Fatalf("check %v: exit 2: %s", args, errOut)
		}
		return strings.Contains(out, "missing-dockerignore")
	}
	if missing(dockerfile) {
		t.Error("missing-dockerignore although the inferred context (the root) has a .dockerignore")
	}
	if !missing("--context", filepath.Join(root, "docker"), dockerfile) {
		t.Error("no missing-dockerignore with --context naming docker/, which has none")
	}
	os.Remove(filepath.Join(root, ".dockerignore"))
	if !missing(dockerfile) {
		t.Error("no missing-dockerignore when the root has no .dockerignore")
	}
	if _, errOut, code := runCLI(t, "", "check", "--context", filepath.Join(root, "nope"), dockerfile); code != 2 || !strings.Contains(errOut, "nope") {
		t.Errorf("--context of a missing folder: exit %d, %q", code, errOut)
	}
}
