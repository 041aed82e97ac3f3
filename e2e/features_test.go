package e2e

import (
	"encoding/json"
	"strings"
	"testing"
)

const featuresDoc = `# syntax=docker/dockerfile:1
ARG GO=1.22
FROM golang:${GO} AS build
ENV OUT=/out
RUN --mount=type=cache,target=/root/.cache/go-build go build -o $OUT/app
FROM gcr.io/distroless/static
COPY --from=build /out/app /app
COPY --from=
`

// openFeatures starts a server with the given client capabilities and
// opens featuresDoc.
func openFeatures(t *testing.T, caps map[string]any) *client {
	c := start(t)
	c.initialize(caps)
	c.open(uriA, featuresDoc, 1)
	c.waitDiagnostics(uriA, 1)
	return c
}

func at(uri string, line, char int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": char}}
}

type hoverResult struct {
	Contents struct {
		Kind  string `json:"kind"`
		Value string `json:"value"`
	} `json:"contents"`
	Range struct {
		Start struct{ Line, Character int } `json:"start"`
		End   struct{ Line, Character int } `json:"end"`
	} `json:"range"`
}

func decodeResult(t *testing.T, m message, v any) {
	t.Helper()
	if m.Error != nil {
		t.Fatalf("error response: %+v", m.Error)
	}
	if err := json.Unmarshal(m.Result, v); err != nil {
		t.Fatalf("result %s: %v", m.Result, err)
	}
}

func TestInitializeAdvertisesEditorFeatures(t *testing.T) {
	c := start(t)
	caps := c.initialize(nil)["capabilities"].(map[string]any)
	for _, k := range []string{"hoverProvider", "completionProvider", "documentSymbolProvider", "foldingRangeProvider",
		"documentLinkProvider", "definitionProvider", "referencesProvider", "documentHighlightProvider", "renameProvider"} {
		if caps[k] == nil {
			t.Errorf("capability %s missing", k)
		}
	}
	if rp, _ := caps["renameProvider"].(map[string]any); rp["prepareProvider"] != true {
		t.Errorf("renameProvider = %v, want prepareProvider", caps["renameProvider"])
	}
}

func TestHoverExplainsInstructionsFlagsAndVariables(t *testing.T) {
	c := openFeatures(t, nil)
	for _, tc := range []struct {
		name       string
		line, char int
		mentions   []string
		startChar  int
	}{
		{"instruction", 4, 1, []string{"**RUN**", "git clone", "layer"}, 0},
		{"flag", 4, 6, []string{"--mount", "cache"}, 4},
		{"mount type", 4, 19, []string{"type=cache", "between builds"}, 17},
		{"variable", 4, 66, []string{"**ENV `OUT`** = `/out`", "line 4"}, 65},
		{"global ARG", 2, 15, []string{"**ARG `GO`** = `1.22`"}, 14},
		{"image", 5, 8, []string{"registry: `gcr.io`", "distroless/static"}, 5},
		{"directive", 0, 4, []string{"frontend"}, 0},
	} {
		var h hoverResult
		decodeResult(t, c.call("textDocument/hover", at(uriA, tc.line, tc.char)), &h)
		if h.Contents.Kind != "markdown" {
			t.Errorf("%s: kind %q, want markdown", tc.name, h.Contents.Kind)
		}
		for _, want := range tc.mentions {
			if !strings.Contains(h.Contents.Value, want) {
				t.Errorf("%s: hover does not mention %q:\n%s", tc.name, want, h.Contents.Value)
			}
		}
		if h.Range.Start.Line != tc.line || h.Range.Start.Character != tc.startChar {
			t.Errorf("%s: range %+v, want start %d:%d", tc.name, h.Range, tc.line, tc.startChar)
		}
	}
}

func TestHoverFollowsClientContentFormat(t *testing.T) {
	c := openFeatures(t, map[string]any{"textDocument": map[string]any{"hover": map[string]any{"contentFormat": []string{"plaintext"}}}})
	var h hoverResult
	decodeResult(t, c.call("textDocument/hover", at(uriA, 4, 1)), &h)
	if h.Contents.Kind != "plaintext" || strings.Contains(h.Contents.Value, "**") || strings.Contains(h.Contents.Value, "```") {
		t.Errorf("plaintext hover = %q: %q", h.Contents.Kind, h.Contents.Value)
	}
	if !strings.Contains(h.Contents.Value, "RUN — runs a command") {
		t.Errorf("plaintext hover lost its text: %q", h.Contents.Value)
	}
}

func TestHoverOnUnknownDocumentOrPositionIsEmpty(t *testing.T) {
	c := openFeatures(t, nil)
	for _, m := range []message{
		c.call("textDocument/hover", at("file:///nowhere/Dockerfile", 0, 0)),
		c.call("textDocument/hover", at(uriA, 99, 0)),
	} {
		if m.Error != nil || string(m.Result) != "null" {
			t.Errorf("got %s %+v, want null", m.Result, m.Error)
		}
	}
	for _, method := range []string{"textDocument/completion", "textDocument/definition", "textDocument/references", "textDocument/documentHighlight"} {
		params := at(uriA, 99, 0)
		params["context"] = map[string]any{"includeDeclaration": true}
		m := c.call(method, params)
		if m.Error != nil || (string(m.Result) != "[]" && string(m.Result) != "null") {
			t.Errorf("%s out of range: %s %+v, want empty", method, m.Result, m.Error)
		}
	}
}

type completionList struct {
	Items []struct {
		Label            string `json:"label"`
		Kind             int    `json:"kind"`
		InsertTextFormat int    `json:"insertTextFormat"`
		TextEdit         struct {
			NewText string `json:"newText"`
			Range   struct {
				Start struct{ Line, Character int } `json:"start"`
				End   struct{ Line, Character int } `json:"end"`
			} `json:"range"`
		} `json:"textEdit"`
	} `json:"items"`
}

func TestCompletionAfterFromOffersStages(t *testing.T) {
	c := openFeatures(t, nil)
	var list completionList
	decodeResult(t, c.call("textDocument/completion", at(uriA, 7, 12)), &list)
	if len(list.Items) != 1 || list.Items[0].Label != "build" || list.Items[0].TextEdit.NewText != "build" {
		t.Fatalf("completion after --from= = %+v, want the stage build", list.Items)
	}
	if r := list.Items[0].TextEdit.Range; r.Start.Line != 7 || r.Start.Character != 12 || r.End.Character != 12 {
		t.Errorf("edit range %+v, want 7:12-7:12", r)
	}
}

func TestCompletionSnippetsFollowClientSupport(t *testing.T) {
	text := "FROM alpine\nRU"
	for _, tc := range []struct {
		name     string
		caps     map[string]any
		format   int
		contains string
	}{
		{"snippets", map[string]any{"textDocument": map[string]any{"completion": map[string]any{"completionItem": map[string]any{"snippetSupport": true}}}}, 2, "RUN ${1:command}"},
		{"plain", nil, 1, "RUN command"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := start(t)
			c.initialize(tc.caps)
			c.open(uriA, text, 1)
			var list completionList
			decodeResult(t, c.call("textDocument/completion", at(uriA, 1, 2)), &list)
			for _, it := range list.Items {
				if it.Label == "RUN" {
					if it.InsertTextFormat != tc.format || it.TextEdit.NewText != tc.contains {
						t.Errorf("RUN item: format %d text %q, want %d %q", it.InsertTextFormat, it.TextEdit.NewText, tc.format, tc.contains)
					}
					return
				}
			}
			t.Errorf("no RUN in %+v", list.Items)
		})
	}
}

func TestDocumentSymbolListsStagesWithInstructions(t *testing.T) {
	c := openFeatures(t, nil)
	type sym struct {
		Name     string `json:"name"`
		Kind     int    `json:"kind"`
		Children []sym  `json:"children"`
	}
	var syms []sym
	decodeResult(t, c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uriA}}), &syms)
	var got []string
	for _, s := range syms {
		var kids []string
		for _, k := range s.Children {
			kids = append(kids, k.Name)
		}
		got = append(got, s.Name+"("+strings.Join(kids, ",")+")")
	}
	if want := "ARG() build(ENV,RUN) stage 1(COPY,COPY)"; strings.Join(got, " ") != want {
		t.Errorf("symbols = %q, want %q", strings.Join(got, " "), want)
	}
}

type location struct {
	URI   string `json:"uri"`
	Range struct {
		Start struct{ Line, Character int } `json:"start"`
		End   struct{ Line, Character int } `json:"end"`
	} `json:"range"`
}

func TestDefinitionOfAStage(t *testing.T) {
	c := openFeatures(t, nil)
	var locs []location
	decodeResult(t, c.call("textDocument/definition", at(uriA, 6, 14)), &locs)
	if len(locs) != 1 || locs[0].URI != uriA || locs[0].Range.Start.Line != 2 || locs[0].Range.Start.Character != 21 || locs[0].Range.End.Character != 26 {
		t.Fatalf("definition of build = %+v, want line 2 cols 21-26", locs)
	}
	var refs []location
	params := at(uriA, 2, 22)
	params["context"] = map[string]any{"includeDeclaration": true}
	decodeResult(t, c.call("textDocument/references", params), &refs)
	if len(refs) != 2 {
		t.Errorf("references of build = %+v, want 2", refs)
	}
}

func TestRenameAStage(t *testing.T) {
	c := openFeatures(t, nil)
	var prep struct {
		Placeholder string `json:"placeholder"`
	}
	decodeResult(t, c.call("textDocument/prepareRename", at(uriA, 6, 14)), &prep)
	if prep.Placeholder != "build" {
		t.Fatalf("prepareRename placeholder %q", prep.Placeholder)
	}
	params := at(uriA, 6, 14)
	params["newName"] = "compile"
	var edit struct {
		Changes map[string][]struct {
			NewText string `json:"newText"`
			Range   struct {
				Start struct{ Line, Character int } `json:"start"`
			} `json:"range"`
		} `json:"changes"`
	}
	decodeResult(t, c.call("textDocument/rename", params), &edit)
	var got []string
	for _, e := range edit.Changes[uriA] {
		got = append(got, e.NewText+"@"+string(rune('0'+e.Range.Start.Line)))
	}
	if strings.Join(got, " ") != "compile@2 compile@6" {
		t.Errorf("rename edits = %q", got)
	}
	params["newName"] = "not valid!"
	if m := c.call("textDocument/rename", params); m.Error == nil {
		t.Errorf("rename to an invalid name succeeded: %s", m.Result)
	}
	if m := c.call("textDocument/prepareRename", at(uriA, 4, 1)); m.Error != nil || string(m.Result) != "null" {
		t.Errorf("prepareRename on a keyword: %s %+v, want null", m.Result, m.Error)
	}
}

func TestFoldingRangesAndLinks(t *testing.T) {
	c := openFeatures(t, nil)
	var folds []struct {
		StartLine int    `json:"startLine"`
		EndLine   int    `json:"endLine"`
		Kind      string `json:"kind"`
	}
	decodeResult(t, c.call("textDocument/foldingRange", map[string]any{"textDocument": map[string]any{"uri": uriA}}), &folds)
	if len(folds) < 2 || folds[0].StartLine != 2 || folds[0].EndLine != 4 {
		t.Errorf("folds = %+v, want the first stage 2-4 first", folds)
	}
	var links []struct {
		Target string `json:"target"`
	}
	decodeResult(t, c.call("textDocument/documentLink", map[string]any{"textDocument": map[string]any{"uri": uriA}}), &links)
	if len(links) != 2 || links[0].Target != "https://hub.docker.com/_/golang" {
		t.Errorf("links = %+v", links)
	}
}
