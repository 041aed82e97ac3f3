package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMalformedConfigFileIsReportedOnTheDockerfile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".layerwise.yaml"), []byte("rules:\n  MaintainerDeprecated: shout\n"), 0o644)
	sub := filepath.Join(dir, "svc")
	os.Mkdir(sub, 0o755)
	docker := filepath.Join(sub, "Dockerfile")
	os.WriteFile(docker, []byte("FROM alpine:3.19\nMAINTAINER me\n"), 0o644)
	uri := "file://" + docker

	c := start(t)
	c.initialize(nil)
	c.open(uri, "FROM alpine:3.19\nMAINTAINER me\n", 1)
	p := c.waitDiagnostics(uri, 1)
	d, ok := find(p.Diagnostics, "config")
	if !ok {
		t.Fatalf("no config diagnostic in %v", codes(p.Diagnostics))
	}
	want := filepath.Join(dir, ".layerwise.yaml") + ":2:"
	if d.Severity != 1 || !strings.Contains(d.Message, want) || !strings.Contains(d.Message, "shout") {
		t.Errorf("config diagnostic %+v, want an error naming %s and the bad value", d, want)
	}
	if _, ok := find(p.Diagnostics, "MaintainerDeprecated"); !ok {
		t.Errorf("a bad config must not hide the other findings: %v", codes(p.Diagnostics))
	}

	// The same file through the CLI.
	out, _, code := runCLI(t, "", "check", docker)
	if code != 1 || !strings.Contains(out, "error config: invalid configuration: "+want) {
		t.Errorf("check: exit %d\nstdout: %q\nwant: %q", code, out, want)
	}
}

func TestConfigFileAndEditorSettingsChangeSeverities(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".layerwise.yaml"), []byte("rules:\n  StageNameCasing: off\n  MaintainerDeprecated: error\n"), 0o644)
	uri := "file://" + filepath.Join(dir, "Dockerfile")
	c := start(t)
	c.initialize(nil)
	c.open(uri, "FROM alpine:3.19 AS Build\nMAINTAINER me\n", 1)
	p := c.waitDiagnostics(uri, 1)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "MaintainerDeprecated" || p.Diagnostics[0].Severity != 1 {
		t.Fatalf("with config: %+v", p.Diagnostics)
	}
	// Editor settings override the file and re-publish at once.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{
		"layerwise": map[string]any{"rules": map[string]any{"MaintainerDeprecated": "off"}}}})
	p = c.waitDiagnostics(uri, 1)
	if len(p.Diagnostics) != 0 {
		t.Fatalf("after settings: %v", codes(p.Diagnostics))
	}
}

func TestServerAsksForSettingsWhenTheClientCanAnswer(t *testing.T) {
	c := start(t)
	c.initialize(map[string]any{"workspace": map[string]any{"configuration": true}})
	m := c.waitNote("workspace/configuration", nil)
	if len(m.ID) == 0 {
		t.Fatalf("workspace/configuration without an id: %+v", m)
	}
	c.send(map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": []any{
		map[string]any{"rules": map[string]any{"MaintainerDeprecated": "error"}}}})
	// The answer applies to documents opened after it, and the server
	// re-publishes what was open.
	c.open(uriA, "FROM alpine:3.19\nMAINTAINER me\n", 1)
	c.waitNote("textDocument/publishDiagnostics", func(m message) bool {
		var q publishParams
		json.Unmarshal(m.Params, &q)
		return len(q.Diagnostics) == 1 && q.Diagnostics[0].Severity == 1
	})
}

func TestALateConfigurationAnswerDoesNotUndoPushedSettings(t *testing.T) {
	c := start(t)
	c.initialize(map[string]any{"workspace": map[string]any{"configuration": true}})
	req := c.waitNote("workspace/configuration", nil) // left unanswered for now
	c.open(uriA, "FROM alpine:3.19\nMAINTAINER me\n", 1)
	c.waitDiagnostics(uriA, 1)
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{
		"layerwise": map[string]any{"rules": map[string]any{"MaintainerDeprecated": "off"}}}})
	c.waitNote("textDocument/publishDiagnostics", func(m message) bool {
		var q publishParams
		json.Unmarshal(m.Params, &q)
		return q.URI == uriA && len(q.Diagnostics) == 0
	})
	// The answer to the server's earlier question arrives now, with the
	// settings as they were before the push: it must not win.
	c.send(map[string]any{"jsonrpc": "2.0", "id": req.ID, "result": []any{map[string]any{}}})
	c.open("file:///second/Dockerfile", "FROM alpine:3.19\nMAINTAINER me\n", 1)
	if p := c.waitDiagnostics("file:///second/Dockerfile", 1); len(p.Diagnostics) != 0 {
		t.Errorf("the stale answer undid the pushed settings: %v", codes(p.Diagnostics))
	}
}

// TestConfigFileChangesAreSeen: a client that can watch files is asked to
// watch .layerwise.yaml, and its event re-analyses the open documents at
// once; without an event, the next edit notices the change on disk.
func TestConfigFileChangesAreSeen(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".layerwise.yaml")
	os.WriteFile(cfg, []byte("rules:\n  MaintainerDeprecated: error\n"), 0o644)
	uri := "file://" + filepath.Join(dir, "Dockerfile")
	const text = "FROM alpine:3.19\nMAINTAINER me\n"
	severity := func(p publishParams) int {
		if d, ok := find(p.Diagnostics, "MaintainerDeprecated"); ok {
			return d.Severity
		}
		return 0
	}

	c := start(t)
	c.initialize(map[string]any{"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}})
	reg := c.waitNote("client/registerCapability", nil)
	if len(reg.ID) == 0 || !strings.Contains(string(reg.Params), `"workspace/didChangeWatchedFiles"`) || !strings.Contains(string(reg.Params), `"**/.layerwise.yaml"`) {
		t.Fatalf("registration: %s", reg.Params)
	}
	c.send(map[string]any{"jsonrpc": "2.0", "id": reg.ID, "result": nil})
	c.open(uri, text, 1)
	if s := severity(c.waitDiagnostics(uri, 1)); s != 1 {
		t.Fatalf("with the config: severity %d, want 1", s)
	}

	// The file changes and the client says so: diagnostics follow at once.
	os.WriteFile(cfg, []byte("rules:\n  MaintainerDeprecated: hint\n"), 0o644)
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": "file://" + cfg, "type": 2}}})
	c.waitNote("textDocument/publishDiagnostics", func(m message) bool {
		var q publishParams
		json.Unmarshal(m.Params, &q)
		return q.URI == uri && severity(q) == 4
	})

	// The file changes and nobody says so: the next edit reads it again.
	os.WriteFile(cfg, []byte("rules:\n  MaintainerDeprecated: warning # now\n"), 0o644)
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": text + "# edited\n"}}})
	if s := severity(c.waitDiagnostics(uri, 2)); s != 2 {
		t.Errorf("after the file changed on disk and the document was edited: severity %d, want 2", s)
	}
}
