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
