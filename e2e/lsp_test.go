package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

const uriA = "file:///work/Dockerfile"

func TestInitializeAdvertisesIncrementalSyncAndUTF16(t *testing.T) {
	c := start(t)
	res := c.initialize(nil)
	caps := res["capabilities"].(map[string]any)
	if got := caps["positionEncoding"]; got != "utf-16" {
		t.Errorf("positionEncoding = %v, want utf-16 when the client offers nothing", got)
	}
	sync := caps["textDocumentSync"].(map[string]any)
	if sync["change"] != float64(2) || sync["openClose"] != true {
		t.Errorf("textDocumentSync = %v, want incremental with open/close", sync)
	}
	if info := res["serverInfo"].(map[string]any); info["name"] != "layerwise" {
		t.Errorf("serverInfo = %v", info)
	}
}

func TestShutdownThenExitEndsWithCodeZero(t *testing.T) {
	c := start(t)
	c.initialize(nil)
	resp := c.call("shutdown", nil)
	if resp.Error != nil || string(resp.Result) != "null" {
		t.Fatalf("shutdown: result %s error %+v", resp.Result, resp.Error)
	}
	if after := c.call("textDocument/hover", map[string]any{}); after.Error == nil {
		t.Errorf("request after shutdown succeeded; want an InvalidRequest error")
	}
	c.notify("exit", nil)
	if code := waitExit(t, c); code != 0 {
		t.Errorf("exit code %d after shutdown+exit, want 0", code)
	}
}

func TestExitWithoutShutdownEndsWithCodeOne(t *testing.T) {
	c := start(t)
	c.initialize(nil)
	c.notify("exit", nil)
	if code := waitExit(t, c); code != 1 {
		t.Errorf("exit code %d after exit without shutdown, want 1", code)
	}
}

func waitExit(t *testing.T, c *client) int {
	t.Helper()
	errc := make(chan error, 1)
	go func() { errc <- c.cmd.Wait() }()
	select {
	case <-errc:
		return c.cmd.ProcessState.ExitCode()
	case <-time.After(10 * time.Second):
		t.Fatal("server did not exit within 10s")
	}
	return -1
}

func TestOpenPublishesParseErrorsAndBuildKitChecks(t *testing.T) {
	c := start(t)
	c.initialize(nil)
	text := "FROM alpine:3.19 AS Builder\nMAINTAINER someone@example.com\nFOO bar\nRUN echo ok\nBAR baz\n"
	c.open(uriA, text, 1)
	p := c.waitDiagnostics(uriA, 1)

	for _, want := range []struct {
		code, source, msg string
		line, col, endCol int
	}{
		{"StageNameCasing", "buildkit", "Stage name 'Builder' should be lowercase", 0, 20, 27},
		{"MaintainerDeprecated", "buildkit", "Maintainer instruction is deprecated in favor of using label", 1, 0, 10},
	} {
		d, ok := find(p.Diagnostics, want.code)
		if !ok {
			t.Errorf("no %s diagnostic in %v", want.code, codes(p.Diagnostics))
			continue
		}
		if d.Source != want.source || d.Message != want.msg || d.Severity != 2 {
			t.Errorf("%s: source %q severity %d message %q", want.code, d.Source, d.Severity, d.Message)
		}
		if d.Range.Start.Line != want.line || d.Range.Start.Character != want.col || d.Range.End.Character != want.endCol {
			t.Errorf("%s: range %+v, want line %d cols %d-%d", want.code, d.Range, want.line, want.col, want.endCol)
		}
		if d.CodeDescription == nil || !strings.HasPrefix(d.CodeDescription.Href, "https://docs.docker.com/go/dockerfile/rule/") {
			t.Errorf("%s: codeDescription %+v", want.code, d.CodeDescription)
		}
	}
	// Both unknown instructions are reported, not only the first.
	var syntax []int
	for _, d := range p.Diagnostics {
		if d.Severity == 1 {
			syntax = append(syntax, d.Range.Start.Line)
			if !strings.Contains(d.Message, "unknown instruction") {
				t.Errorf("syntax error message %q", d.Message)
			}
		}
	}
	if fmt.Sprint(syntax) != "[2 4]" {
		t.Errorf("syntax errors on lines %v, want [2 4]", syntax)
	}
}

func TestIncrementalEditsRepublishWithVersionAndCloseClears(t *testing.T) {
	c := start(t)
	c.initialize(nil)
	c.open(uriA, "FROM alpine:3.19\nMAINTAINER me\nRUN true\n", 1)
	if p := c.waitDiagnostics(uriA, 1); len(p.Diagnostics) != 1 {
		t.Fatalf("v1: %v", codes(p.Diagnostics))
	}
	// Replace "MAINTAINER me" by a label: the warning goes away.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uriA, "version": 2},
		"contentChanges": []any{map[string]any{"range": rng(1, 0, 1, 13), "text": "LABEL org.opencontainers.image.authors=me"}},
	})
	if p := c.waitDiagnostics(uriA, 2); len(p.Diagnostics) != 0 {
		t.Fatalf("v2 still reports %v", codes(p.Diagnostics))
	}
	// Two changes in one notification apply in order.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uriA, "version": 3},
		"contentChanges": []any{
			map[string]any{"range": rng(2, 0, 2, 0), "text": "BOGUS x\n"},
			map[string]any{"range": rng(2, 0, 2, 5), "text": "WRONG"},
		},
	})
	p := c.waitDiagnostics(uriA, 3)
	if len(p.Diagnostics) != 1 || !strings.Contains(p.Diagnostics[0].Message, "WRONG") || p.Diagnostics[0].Range.Start.Line != 2 {
		t.Fatalf("v3: %+v", p.Diagnostics)
	}
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uriA}})
	c.waitNote("textDocument/publishDiagnostics", func(m message) bool {
		var q publishParams
		json.Unmarshal(m.Params, &q)
		return q.URI == uriA && len(q.Diagnostics) == 0 && q.Version == nil
	})
}

func TestRapidEditsNeverPublishAStaleVersion(t *testing.T) {
	c := start(t)
	c.initialize(nil)
	c.open(uriA, "FROM alpine:3.19\n", 1)
	const last = 200
	for v := 2; v <= last; v++ {
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uriA, "version": v},
			"contentChanges": []any{map[string]any{"text": fmt.Sprintf("FROM alpine:3.19\nLABEL v=%d\n", v)}},
		})
	}
	seen := -1
	c.waitNote("textDocument/publishDiagnostics", func(m message) bool {
		var q publishParams
		json.Unmarshal(m.Params, &q)
		if q.Version == nil {
			t.Fatalf("publish without version: %s", m.Params)
		}
		if *q.Version <= seen {
			t.Fatalf("published version %d after %d", *q.Version, seen)
		}
		seen = *q.Version
		return seen == last
	})
}

func TestMisbehavingClientIsAnsweredAndServerKeepsServing(t *testing.T) {
	c := start(t)
	if r := c.call("textDocument/hover", map[string]any{}); r.Error == nil || r.Error.Code != -32002 {
		t.Fatalf("request before initialize: %+v, want -32002", r.Error)
	}
	c.initialize(nil)
	c.notify("$/anything", map[string]any{"x": 1})
	c.notify("custom/notification", nil)
	if r := c.call("custom/method", nil); r.Error == nil || r.Error.Code != -32601 {
		t.Fatalf("unknown method: %+v, want -32601", r.Error)
	}
	c.writeRaw([]byte(`{"jsonrpc":"2.0","id":99,"method":`)) // not JSON
	m := c.waitNote("", nil)
	if m.Error == nil || m.Error.Code != -32700 {
		t.Fatalf("invalid JSON body: got %+v, want a -32700 response", m)
	}
	if r := c.call("textDocument/hover", map[string]any{"textDocument": 42}); r.Error == nil || r.Error.Code != -32602 {
		t.Fatalf("malformed params: %+v, want -32602", r.Error)
	}
	hover := func(uri string, line, char int) message {
		return c.call("textDocument/hover", map[string]any{
			"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": char}})
	}
	if r := hover("file:///nowhere/Dockerfile", 0, 0); r.Error != nil || string(r.Result) != "null" {
		t.Fatalf("hover on unknown URI: %s %+v, want null", r.Result, r.Error)
	}
	c.open(uriA, "FROM alpine:3.19\nMAINTAINER me\n", 1)
	c.waitDiagnostics(uriA, 1)
	if r := hover(uriA, 50, 3); r.Error != nil || string(r.Result) != "null" {
		t.Fatalf("hover past the end: %s %+v, want null", r.Result, r.Error)
	}
	if r := hover(uriA, 2, 0); r.Error != nil || string(r.Result) != "null" { // the empty last line
		t.Fatalf("hover on nothing: %s %+v, want null", r.Result, r.Error)
	}
	// An edit whose range runs past the end is clamped, not fatal.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uriA, "version": 2},
		"contentChanges": []any{map[string]any{"range": rng(1, 0, 99, 99), "text": "MAINTAINER again\n"}},
	})
	c.waitDiagnostics(uriA, 2)
	// After all that, a normal request still gets a normal answer.
	r := hover(uriA, 1, 3)
	if r.Error != nil || !strings.Contains(string(r.Result), "MaintainerDeprecated") {
		t.Fatalf("hover on a finding after misbehaviour: %s %+v", r.Result, r.Error)
	}
}

func TestColumnsFollowNegotiatedEncoding(t *testing.T) {
	// "日本語" is 3 UTF-16 units and 9 bytes; "🐳" is 2 units and 4 bytes.
	text := "FROM alpine:3.19\n# 日本語 🐳\nENV A=\"日本語 🐳\" B=$NOPE\n"
	for _, tc := range []struct {
		offer []string
		want  string
		col   int
	}{
		{nil, "utf-16", 17},
		{[]string{"utf-16"}, "utf-16", 17},
		{[]string{"utf-32", "utf-16"}, "utf-32", 16},
		{[]string{"utf-16", "utf-8"}, "utf-8", 25},
	} {
		t.Run(tc.want, func(t *testing.T) {
			c := start(t)
			caps := map[string]any{}
			if tc.offer != nil {
				caps["general"] = map[string]any{"positionEncodings": tc.offer}
			}
			res := c.initialize(caps)
			if got := res["capabilities"].(map[string]any)["positionEncoding"]; got != tc.want {
				t.Fatalf("negotiated %v, want %s", got, tc.want)
			}
			c.open(uriA, text, 1)
			p := c.waitDiagnostics(uriA, 1)
			d, ok := find(p.Diagnostics, "UndefinedVar")
			if !ok {
				t.Fatalf("no UndefinedVar in %v", codes(p.Diagnostics))
			}
			if d.Range.Start.Line != 2 || d.Range.Start.Character != tc.col || d.Range.End.Character != tc.col+5 {
				t.Errorf("range %+v, want line 2 cols %d-%d", d.Range, tc.col, tc.col+5)
			}
		})
	}
}
