package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/layerwise/layerwise/internal/benchgen"
)

// stillServes checks the server answers a normal request correctly after
// whatever came before: a fresh document gets its MaintainerDeprecated
// finding and hover explains it.
func stillServes(t *testing.T, c *client) {
	t.Helper()
	const u = "file:///after/Dockerfile"
	c.open(u, "FROM alpine:3.19\nMAINTAINER me\n", 1)
	p := c.waitDiagnostics(u, 1)
	if _, ok := find(p.Diagnostics, "MaintainerDeprecated"); !ok {
		t.Fatalf("after the abuse, a normal document gets %v", codes(p.Diagnostics))
	}
	r := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": u}, "position": map[string]any{"line": 1, "character": 2}})
	if r.Error != nil || !strings.Contains(string(r.Result), "MaintainerDeprecated") {
		t.Fatalf("after the abuse, hover gives %s %+v", r.Result, r.Error)
	}
}

func TestHostileDocumentsAreAnalysedOrRejectedCleanly(t *testing.T) {
	// 10 MB: a realistic 2,000-line file, then long instructions (each
	// a line of 100 kB), as generated files and inlined scripts produce.
	big := benchgen.Dockerfile(2000)
	for i := 0; len(big) < 10<<20; i++ {
		big += fmt.Sprintf("RUN echo %d %s\nLABEL blob%d=\"%s\"\n", i, strings.Repeat("word ", 10000), i, strings.Repeat("x", 50000))
	}
	for _, tc := range []struct {
		name string
		text string
	}{
		{"10 MB file", big},
		{"binary junk", "\x7fELF\x02\x01\x01\x00\x00\x00\xff\xfe\xfd" + strings.Repeat("\x00\x9f\x80", 1000)},
		{"NUL bytes", "FROM alpine\x00:3.19\nRUN echo \x00\x00\n"},
		{"CRLF", "FROM alpine:3.19\r\nMAINTAINER me\r\nRUN a \\\r\n  b\r\n"},
		{"UTF-8 BOM", "\uFEFFFROM alpine:3.19\nMAINTAINER me\n"},
		{"1 MB line", "FROM alpine:3.19\nRUN echo " + strings.Repeat("a", 1<<20) + "\nENV X=" + strings.Repeat("b ", 1<<19) + "\n"},
		{"invalid UTF-8", "FROM alpine:3.19\nLABEL a=\"\xc3\x28\xa0\xa1\"\nRUN echo \xe2\x82\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := start(t, "--log-level", "error")
			c.initialize(nil)
			c.open(uriA, tc.text, 1)
			c.waitDiagnosticsWithin(uriA, 1, 150*time.Second)
			stillServes(t, c)
		})
	}
}

func TestThousandOpenDocumentsAndAFloodOfEdits(t *testing.T) {
	c := start(t, "--log-level", "error")
	c.initialize(nil)
	for i := 0; i < 1000; i++ {
		c.open(fmt.Sprintf("file:///many/%d/Dockerfile", i), fmt.Sprintf("FROM alpine:3.19\nRUN echo %d\n", i), 1)
	}
	c.waitDiagnostics("file:///many/999/Dockerfile", 1)
	// 1,000 edits without waiting: only the last version must be reported last.
	c.open(uriA, "FROM alpine:3.19\n# \n", 1)
	for v := 2; v <= 1001; v++ {
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uriA, "version": v},
			"contentChanges": []any{map[string]any{"range": rng(1, 2, 1, 2), "text": "x"}},
		})
	}
	p := c.waitDiagnostics(uriA, 1001)
	if len(p.Diagnostics) != 0 {
		t.Errorf("final version: %v", codes(p.Diagnostics))
	}
	for i := 0; i < 1000; i += 100 {
		c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": fmt.Sprintf("file:///many/%d/Dockerfile", i)}})
	}
	stillServes(t, c)
}

func TestCancelledRequestsAreAnsweredAndTheServerGoesOn(t *testing.T) {
	c := start(t)
	c.initialize(nil)
	c.open(uriA, benchgen.Dockerfile(1500), 1)
	c.waitDiagnostics(uriA, 1)
	// Send requests and cancel each at once: every one gets a response
	// (a result or RequestCancelled), none hangs.
	for i := 0; i < 50; i++ {
		c.mu.Lock()
		c.nextID++
		id := c.nextID
		ch := make(chan message, 1)
		c.waiting[fmt.Sprint(id)] = ch
		c.mu.Unlock()
		c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol",
			"params": map[string]any{"textDocument": map[string]any{"uri": uriA}}})
		c.notify("$/cancelRequest", map[string]any{"id": id})
		select {
		case m := <-ch:
			if m.Error != nil && m.Error.Code != -32800 {
				t.Fatalf("cancelled request %d: %+v", id, m.Error)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("cancelled request %d never answered", id)
		}
	}
	stillServes(t, c)
}

func TestEditsPastTheEndAndOtherBadEdits(t *testing.T) {
	c := start(t)
	c.initialize(nil)
	c.open(uriA, "FROM alpine:3.19\n", 1)
	c.waitDiagnostics(uriA, 1)
	for v, change := range []any{
		map[string]any{"range": rng(500, 3, 900, 1), "text": "RUN x\n"},
		map[string]any{"range": rng(0, 99, 0, 1000), "text": "\nMAINTAINER me"},
		map[string]any{"range": rng(3, 0, 1, 0), "text": "reversed"},
		json.RawMessage(`{"range": "nonsense", "text": 5}`),
	} {
		c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uriA, "version": v + 2}, "contentChanges": []any{change}})
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///never/opened", "version": 2},
		"contentChanges": []any{map[string]any{"text": "x"}}})
	stillServes(t, c)
}
