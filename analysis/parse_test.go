package analysis

import (
	"fmt"
	"strings"
	"testing"
)

// at returns "line:col-line:col" (0-based, bytes) for a range.
func at(r Range) string {
	return itoa(int(r.Start.Line)) + ":" + itoa(int(r.Start.Col)) + "-" + itoa(int(r.End.Line)) + ":" + itoa(int(r.End.Col))
}

// itoa zero-pads to three digits so expectations line up.
func itoa(i int) string { return fmt.Sprintf("%03d", i) }

func TestParseReportsEveryRejectedInstruction(t *testing.T) {
	f := Parse("FROM alpine\nFOO x\nENV\nRUN ok\nBAR y\nCOPY --bogus=1 a b\n")
	var got []string
	for _, e := range f.Errors {
		got = append(got, itoa(int(e.Range.Start.Line))+" "+e.Message)
	}
	want := []string{"001 unknown instruction: FOO", "002 ENV requires at least one argument", "004 unknown instruction: BAR", "005 unknown flag: --bogus"}
	if len(got) != len(want) {
		t.Fatalf("errors %q, want %d of them", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d = %q, want prefix %q", i, got[i], want[i])
		}
	}
	if n := len(f.Instructions); n != 6 {
		t.Errorf("%d instructions survive, want 6: rejected ones stay in the model with a nil Command", n)
	}
}

func TestParseLocatesWordsAcrossContinuations(t *testing.T) {
	src := "FROM golang:1.22 AS build\nRUN --mount=type=cache,target=/go \\\n  # a comment inside\n  go build \\\n    -o /out .\n"
	f := Parse(src)
	run := f.Instructions[1]
	if run.Name != "run" || at(run.Keyword.Range) != "001:000-001:003" {
		t.Fatalf("keyword %q at %s", run.Keyword.Text, at(run.Keyword.Range))
	}
	if len(run.Flags) != 1 || run.Flags[0].Name != "mount" || run.Flags[0].Value != "type=cache,target=/go" {
		t.Fatalf("flags %+v", run.Flags)
	}
	if at(run.Flags[0].ValueRange) != "001:012-001:033" {
		t.Errorf("flag value at %s", at(run.Flags[0].ValueRange))
	}
	want := map[string]string{"go": "003:002-003:004", "build": "003:005-003:010", "-o": "004:004-004:006", ".": "004:012-004:013"}
	for _, a := range run.Args {
		if w, ok := want[a.Text]; ok && at(a.Range) != w {
			t.Errorf("%q at %s, want %s", a.Text, at(a.Range), w)
		}
	}
	st := f.Stages[0]
	if st.Name != "build" || at(st.NameWord.Range) != "000:020-000:025" || st.Base.Text != "golang:1.22" {
		t.Errorf("stage %+v", st)
	}
	if at(run.Range) != "001:000-004:013" {
		t.Errorf("RUN spans %s", at(run.Range))
	}
}

func TestParseHonoursBacktickEscapeAndCRLF(t *testing.T) {
	f := Parse("# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN dir `\r\n    C:\\ \r\n")
	if f.Escape != '`' || len(f.Directives) != 1 || f.Directives[0].Value != "`" {
		t.Fatalf("escape %q directives %+v", f.Escape, f.Directives)
	}
	run := f.Instructions[1]
	if len(run.Args) != 2 || run.Args[1].Text != `C:\` || at(run.Args[1].Range) != "003:004-003:007" {
		t.Errorf("args %+v", run.Args)
	}
	if len(f.Errors) != 0 {
		t.Errorf("errors %+v", f.Errors)
	}
}

func TestParseLocatesHeredocBodies(t *testing.T) {
	f := Parse("FROM alpine\nRUN <<EOF\napk add curl\nEOF\nCOPY <<-A <<B /x/\n\tone\n\tA\ntwo\nB\n")
	run := f.Instructions[1]
	if len(run.Heredocs) != 1 || at(run.Heredocs[0].Body) != "002:000-003:000" || run.Heredocs[0].Content != "apk add curl\n" {
		t.Fatalf("RUN heredoc %+v", run.Heredocs)
	}
	cp := f.Instructions[2]
	if len(cp.Heredocs) != 2 || at(cp.Heredocs[0].End) != "006:000-006:002" || at(cp.Heredocs[1].Body) != "007:000-008:000" {
		t.Fatalf("COPY heredocs %+v", cp.Heredocs)
	}
	if at(cp.Range) != "004:000-008:001" {
		t.Errorf("COPY spans %s", at(cp.Range))
	}
}

func TestParseNeverFails(t *testing.T) {
	for _, src := range []string{"", "\n\n", "# just a comment\n", "\uFEFF# syntax=docker/dockerfile:1\nFROM a\n", "RUN echo before from\n", "FROM a\nRUN <<EOF\nunterminated\n", "\x00\x01\x02", strings.Repeat("\\\n", 100)} {
		f := Parse(src)
		_ = analyzeStandIn(f)
	}
	f := Parse("RUN echo before from\nFROM a\n")
	if len(f.Errors) != 1 || !strings.Contains(f.Errors[0].Message, "no build stage") {
		t.Errorf("instruction before FROM: %+v", f.Errors)
	}
}

// TestTooLargeIsAnError: a text positions cannot address is one error,
// not a wrong model.
func TestTooLargeIsAnError(t *testing.T) {
	f := tooLarge("FROM alpine\n")
	if len(f.Instructions) != 0 || len(f.Errors) != 1 || !strings.Contains(f.Errors[0].Message, "12 bytes") {
		t.Fatalf("got %d instructions, errors %+v", len(f.Instructions), f.Errors)
	}
}

// TestUnknownInstructionRunsAreOneError: the lines of a JSON array written
// one element per line without `\` are one error, which names the
// instruction they were meant to continue; unknown instructions apart stay
// apart.
func TestUnknownInstructionRunsAreOneError(t *testing.T) {
	src := "FROM a\nCMD [\"java\",\n     \"-server\",   # the server VM\n\n     \"-jar\", \"x.jar\"]\nRUN ok\nFOO x\n"
	for _, cache := range []*Cache{nil, NewCache()} {
		f := ParseWith(src, cache)
		if len(f.Errors) != 2 {
			t.Fatalf("errors: %+v", f.Errors)
		}
		run, alone := f.Errors[0], f.Errors[1]
		if got, want := at(run.Range), "002:005-004:021"; got != want {
			t.Errorf("the run's range is %s, want %s", got, want)
		}
		for _, part := range []string{`unknown instruction: "-server",`, "1 more lines like it below", "the rest of the CMD on line 2", `only after a \ at the end`} {
			if !strings.Contains(run.Message, part) {
				t.Errorf("message %q lacks %q", run.Message, part)
			}
		}
		if !strings.HasPrefix(alone.Message, "unknown instruction: FOO") || alone.Range.Start.Line != 6 {
			t.Errorf("the lone unknown instruction: %+v", alone)
		}
	}
}
