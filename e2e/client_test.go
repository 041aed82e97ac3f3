package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// binary is the layerwise executable built once for the whole test run.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "layerwise-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "layerwise")
	build := exec.Command("go", "build", "-race", "-o", binary, "../cmd/layerwise")
	if os.Getenv("LAYERWISE_E2E_NORACE") != "" {
		build = exec.Command("go", "build", "-o", binary, "../cmd/layerwise")
	}
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	// LAYERWISE_E2E_BINARY measures another build (an older one, for a
	// before-and-after) with the same tests.
	if other := os.Getenv("LAYERWISE_E2E_BINARY"); other != "" {
		binary = other
	} else if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building layerwise:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// message is any JSON-RPC message read from the server.
type message struct {
	ID     json.RawMessage `json:"id,omitempty"`
	Method string          `json:"method,omitempty"`
	Params json.RawMessage `json:"params,omitempty"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// client drives a real layerwise process over stdio, as an editor does.
type client struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *strings.Builder

	mu      sync.Mutex
	nextID  int
	waiting map[string]chan message
	notes   chan message
	done    chan struct{}
}

func start(t *testing.T, args ...string) *client {
	t.Helper()
	cmd := exec.Command(binary, args...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, cmd: cmd, stdin: stdin, stderr: &strings.Builder{},
		waiting: map[string]chan message{}, notes: make(chan message, 10000), done: make(chan struct{})}
	cmd.Stderr = &lockedWriter{b: c.stderr}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go c.read(bufio.NewReader(stdout))
	t.Cleanup(func() {
		c.stdin.Close()
		select {
		case <-c.done:
		case <-time.After(5 * time.Second):
			c.cmd.Process.Kill()
		}
		c.cmd.Wait()
		if t.Failed() {
			t.Logf("server stderr:\n%s", c.stderr.String())
		}
	})
	return c
}

type lockedWriter struct {
	mu sync.Mutex
	b  *strings.Builder
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (c *client) read(r *bufio.Reader) {
	defer close(c.done)
	for {
		body, err := readFrame(r)
		if err != nil {
			return
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			c.t.Errorf("server sent invalid JSON: %q", body)
			return
		}
		if m.Method != "" {
			c.notes <- m
			continue
		}
		c.mu.Lock()
		ch := c.waiting[string(m.ID)]
		delete(c.waiting, string(m.ID))
		c.mu.Unlock()
		if ch != nil {
			ch <- m
		} else {
			c.notes <- m // a response to nothing we sent (e.g. a parse error, id null)
		}
	}
}

func readFrame(r *bufio.Reader) ([]byte, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
			length, _ = strconv.Atoi(v)
		}
	}
	if length < 0 {
		return nil, fmt.Errorf("frame without Content-Length")
	}
	body := make([]byte, length)
	_, err := io.ReadFull(r, body)
	return body, err
}

func (c *client) writeRaw(body []byte) {
	c.t.Helper()
	frame := fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
	if _, err := io.WriteString(c.stdin, frame); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

func (c *client) send(v any) {
	c.t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	c.writeRaw(body)
}

// call sends a request and waits (with a deadline) for its response.
func (c *client) call(method string, params any) message {
	c.t.Helper()
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan message, 1)
	c.waiting[strconv.Itoa(id)] = ch
	c.mu.Unlock()
	req := map[string]any{"jsonrpc": "2.0", "id": id, "method": method}
	if params != nil {
		req["params"] = params
	}
	c.send(req)
	select {
	case m := <-ch:
		return m
	case <-time.After(10 * time.Second):
		c.t.Fatalf("no response to %s within 10s", method)
	}
	return message{}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	req := map[string]any{"jsonrpc": "2.0", "method": method}
	if params != nil {
		req["params"] = params
	}
	c.send(req)
}

// waitNote waits for the next server notification with the given method for
// which accept returns true, skipping others.
func (c *client) waitNote(method string, accept func(message) bool) message {
	c.t.Helper()
	return c.waitNoteWithin(method, 10*time.Second, accept)
}

func (c *client) waitNoteWithin(method string, within time.Duration, accept func(message) bool) message {
	c.t.Helper()
	deadline := time.After(within)
	for {
		select {
		case m := <-c.notes:
			if m.Method == method && (accept == nil || accept(m)) {
				return m
			}
		case <-deadline:
			c.t.Fatalf("no %s notification within %v", method, within)
		}
	}
}

// initialize performs the handshake with the given client capabilities.
func (c *client) initialize(caps map[string]any) map[string]any {
	c.t.Helper()
	if caps == nil {
		caps = map[string]any{}
	}
	resp := c.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": caps})
	if resp.Error != nil {
		c.t.Fatalf("initialize: %+v", resp.Error)
	}
	var res map[string]any
	if err := json.Unmarshal(resp.Result, &res); err != nil {
		c.t.Fatal(err)
	}
	c.notify("initialized", map[string]any{})
	return res
}

type diagnostic struct {
	Range struct {
		Start struct{ Line, Character int } `json:"start"`
		End   struct{ Line, Character int } `json:"end"`
	} `json:"range"`
	Severity        int    `json:"severity"`
	Code            string `json:"code"`
	Source          string `json:"source"`
	Message         string `json:"message"`
	CodeDescription *struct {
		Href string `json:"href"`
	} `json:"codeDescription"`
}

type publishParams struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

// waitDiagnostics waits for diagnostics of uri at the given version.
func (c *client) waitDiagnostics(uri string, version int) publishParams {
	c.t.Helper()
	return c.waitDiagnosticsWithin(uri, version, 10*time.Second)
}

// waitDiagnosticsWithin is waitDiagnostics with a deadline of its own.
func (c *client) waitDiagnosticsWithin(uri string, version int, within time.Duration) publishParams {
	c.t.Helper()
	var p publishParams
	c.waitNoteWithin("textDocument/publishDiagnostics", within, func(m message) bool {
		var q publishParams
		if err := json.Unmarshal(m.Params, &q); err != nil {
			c.t.Fatal(err)
		}
		if q.URI != uri || q.Version == nil || *q.Version != version {
			return false
		}
		p = q
		return true
	})
	return p
}

func (c *client) open(uri, text string, version int) {
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": version, "text": text}})
}

func rng(l1, c1, l2, c2 int) map[string]any {
	return map[string]any{"start": map[string]any{"line": l1, "character": c1}, "end": map[string]any{"line": l2, "character": c2}}
}

func codes(ds []diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Code)
	}
	return out
}

func find(ds []diagnostic, code string) (diagnostic, bool) {
	for _, d := range ds {
		if d.Code == code {
			return d, true
		}
	}
	return diagnostic{}, false
}
