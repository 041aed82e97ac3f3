package ide

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
)

const navSrc = `ARG GO=1.22
ARG BASE=alpine
FROM golang:${GO} AS build
ARG GO
ENV OUT=/out
RUN --mount=type=cache,target=/root/.cache go build -o $OUT/app
FROM build AS test
RUN go test ${OUT}
FROM $BASE AS final
ENV OUT=/srv
COPY --from=build /out/app $OUT/app
RUN --mount=from=build,source=/out,target=/x ls
`

// texts lists the source text and line of each occurrence.
func texts(src string, occ []Occurrence) []string {
	var out []string
	for _, o := range occ {
		out = append(out, src[o.Range.Start.Offset:int(o.Range.End.Offset)]+"@"+fmt.Sprintf("%02d", int(o.Range.Start.Line)+1))
	}
	return out
}

func TestReferences(t *testing.T) {
	for _, tc := range []struct {
		name   string
		offset int
		want   string
	}{
		{"stage from its definition", offsetOf(nil, navSrc, "AS build", 4),
			"build@03 build@07 build@11 build@12"},
		{"stage from COPY --from", offsetOf(nil, navSrc, "--from=build", 8),
			"build@03 build@07 build@11 build@12"},
		{"stage from --mount from=", offsetOf(nil, navSrc, "from=build,", 6),
			"build@03 build@07 build@11 build@12"},
		{"stage from FROM", offsetOf(nil, navSrc, "FROM build", 6),
			"build@03 build@07 build@11 build@12"},
		{"global ARG joined with its bare re-declaration", offsetOf(nil, navSrc, "${GO}", 2),
			"GO@01 GO@03 GO@04"},
		{"ENV in a stage chain", offsetOf(nil, navSrc, "$OUT/app\nFROM", 1),
			"OUT@05 OUT@06 OUT@08"},
		{"same name in another chain", offsetOf(nil, navSrc, "$OUT/app\nRUN", 1),
			"OUT@10 OUT@11"},
		{"global ARG only used in FROM", offsetOf(nil, navSrc, "$BASE", 1),
			"BASE@02 BASE@09"},
	} {
		got := strings.Join(texts(navSrc, References(analysis.Parse(navSrc), tc.offset, true)), " ")
		if got != tc.want {
			t.Errorf("%s: references = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestReferencesWithoutDeclaration(t *testing.T) {
	f := analysis.Parse(navSrc)
	refs := References(f, offsetOf(t, navSrc, "--from=build", 8), false)
	for _, r := range refs {
		if r.Def {
			t.Errorf("declaration %v included", r)
		}
	}
	if len(refs) != 3 {
		t.Errorf("got %d references, want 3", len(refs))
	}
	hl := Highlights(f, offsetOf(t, navSrc, "--from=build", 8))
	if len(hl) != 4 || !hl[0].Def {
		t.Errorf("highlights = %v", texts(navSrc, hl))
	}
}

func TestDefinition(t *testing.T) {
	f := analysis.Parse(navSrc)
	for _, tc := range []struct {
		name     string
		offset   int
		wantLine int // 1-based; 0 for none
		wantText string
	}{
		{"COPY --from", offsetOf(t, navSrc, "--from=build", 9), 3, "build"},
		{"FROM stage", offsetOf(t, navSrc, "FROM build", 5), 3, "build"},
		{"mount from", offsetOf(t, navSrc, "from=build,", 5), 3, "build"},
		{"variable in RUN", offsetOf(t, navSrc, "${OUT}", 2), 5, "OUT"},
		{"shadowed ENV", offsetOf(t, navSrc, "$OUT/app\nRUN", 1), 10, "OUT"},
		{"bare ARG", offsetOf(t, navSrc, "${GO}", 2), 1, "GO"},
		{"declaration itself", offsetOf(t, navSrc, "ENV OUT=/srv", 4), 10, "OUT"},
		{"keyword", offsetOf(t, navSrc, "RUN go", 1), 0, ""},
	} {
		got := Definition(f, tc.offset)
		if tc.wantLine == 0 {
			if len(got) != 0 {
				t.Errorf("%s: definition %v, want none", tc.name, got)
			}
			continue
		}
		if len(got) != 1 || int(got[0].Start.Line)+1 != tc.wantLine || navSrc[got[0].Start.Offset:int(got[0].End.Offset)] != tc.wantText {
			t.Errorf("%s: definition %v, want %q on line %d", tc.name, got, tc.wantText, tc.wantLine)
		}
	}
}

// applyEdits applies non-overlapping edits to src.
func applyEdits(src string, edits []TextEdit) string {
	sort.Slice(edits, func(i, j int) bool { return int(edits[i].Range.Start.Offset) > int(edits[j].Range.Start.Offset) })
	for _, e := range edits {
		src = src[:int(e.Range.Start.Offset)] + e.NewText + src[e.Range.End.Offset:]
	}
	return src
}

func TestRename(t *testing.T) {
	f := analysis.Parse(navSrc)
	edits, err := Rename(f, offsetOf(t, navSrc, "--from=build", 8), "compile")
	if err != nil {
		t.Fatal(err)
	}
	got := applyEdits(navSrc, edits)
	want := strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(navSrc, "AS build", "AS compile"), "=build", "=compile"), "FROM build", "FROM compile")
	if got != want {
		t.Errorf("rename stage:\n%s\nwant:\n%s", got, want)
	}
	if len(analysis.Parse(got).Stages) != 3 || analysis.Parse(got).StageNamed("compile", -1) == nil {
		t.Error("renamed file lost its stage")
	}

	edits, err = Rename(f, offsetOf(t, navSrc, "${OUT}", 2), "DEST")
	if err != nil {
		t.Fatal(err)
	}
	got = applyEdits(navSrc, edits)
	if !strings.Contains(got, "ENV DEST=/out") || !strings.Contains(got, "go test ${DEST}") || !strings.Contains(got, "-o $DEST/app") ||
		!strings.Contains(got, "ENV OUT=/srv") || !strings.Contains(got, "$OUT/app\nRUN") {
		t.Errorf("rename variable:\n%s", got)
	}

	for _, tc := range []struct {
		name, marker, newName string
		n                     int
	}{
		{"invalid stage name", "AS build", "1x", 4},
		{"reserved stage name", "AS build", "scratch", 4},
		{"existing stage", "AS build", "final", 4},
		{"invalid variable", "${OUT}", "a-b", 2},
		{"keyword", "RUN go", "x", 1},
	} {
		if _, err := Rename(f, offsetOf(t, navSrc, tc.marker, tc.n), tc.newName); err == nil {
			t.Errorf("%s: rename to %q succeeded", tc.name, tc.newName)
		}
	}
}

func TestPrepareRename(t *testing.T) {
	src := "FROM alpine AS base\nRUN echo $HOME\nFROM base\n"
	f := analysis.Parse(src)
	if r, name, ok := PrepareRename(f, offsetOf(t, src, "FROM base", 6)); !ok || name != "base" || src[r.Start.Offset:int(r.End.Offset)] != "base" {
		t.Errorf("prepare on stage = %v %q %v", r, name, ok)
	}
	if _, _, ok := PrepareRename(f, offsetOf(t, src, "$HOME", 2)); ok {
		t.Error("a variable declared nowhere in the file is renameable")
	}
	if _, _, ok := PrepareRename(f, offsetOf(t, src, "RUN", 1)); ok {
		t.Error("a keyword is renameable")
	}
}
