package analysis

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Steps lists the top-level steps of a RUN's shell program, in order: the
// operands of its `&&` / `||` lists and its statements separated by `;`,
// `&` or newlines. A step is a simple command, a pipeline, or a compound
// command (`if ... fi`, a loop, `( ... )`, `{ ...; }`) as a whole, with its
// redirections. For a RUN whose shell runs a here-document (`RUN <<EOF`),
// the steps are those of the body.
//
// A fix that adds a command to a RUN inserts `&& cmd` right after a step:
// there it runs after the step succeeded and before whatever came next,
// whatever the operators around it (`a && b || c` stays `a && b && cmd ||
// c`), and never inside a loop or a pipeline. Steps is nil when no such
// place is known: exec form, a non-POSIX SHELL, shell text that does not
// parse, several here-documents, or a statement run in the background.
func (in *Instruction) Steps(f *File) []Range {
	if in.Name != "run" {
		return nil
	}
	script := in.Shell(f)
	if script.Exec || !script.Parsed {
		return nil
	}
	src := argsSource(f, in)
	if len(in.Heredocs) > 0 {
		if !script.Heredoc || len(in.Heredocs) != 1 {
			return nil
		}
		b := &scriptBuilder{f: f, in: in}
		src = b.bodySource(in.Heredocs[0])
	}
	file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src.text), "")
	if err != nil {
		return nil
	}
	b := &scriptBuilder{f: f, in: in}
	var steps []Range
	ok := true
	var flatten func(st *syntax.Stmt)
	flatten = func(st *syntax.Stmt) {
		if bin, isBin := st.Cmd.(*syntax.BinaryCmd); isBin && !st.Negated && len(st.Redirs) == 0 &&
			(bin.Op == syntax.AndStmt || bin.Op == syntax.OrStmt) {
			flatten(bin.X)
			flatten(bin.Y)
			return
		}
		if st.Cmd == nil {
			ok = false
			return
		}
		start, end := int(st.Pos().Offset()), stmtEnd(st)
		if end > len(src.text) || start > end {
			ok = false
			return
		}
		steps = append(steps, b.rng(src, start, end))
	}
	for _, st := range file.Stmts {
		if st.Background || st.Coprocess || st.Disown {
			return nil
		}
		flatten(st)
	}
	if !ok {
		return nil
	}
	return steps
}

// stmtEnd is the offset just past a statement's command and redirections,
// leaving out the `;` or `&` after it.
func stmtEnd(st *syntax.Stmt) int {
	end := int(st.Cmd.End().Offset())
	for _, r := range st.Redirs {
		if e := int(r.End().Offset()); e > end && r.Op != syntax.Hdoc && r.Op != syntax.DashHdoc {
			end = e
		}
	}
	return end
}

// StepOf is the step of steps that holds offset, or false.
func StepOf(steps []Range, offset int) (int, bool) {
	for i, s := range steps {
		if int(s.Start.Offset) <= offset && offset < int(s.End.Offset) {
			return i, true
		}
	}
	return -1, false
}

// Statements counts the statements at the top of a RUN's shell program:
// `a && b` is one (a failure of a stops it), `a; b` and `a` newline `b` are
// two (a failure of a is forgotten unless `set -e` is on). For a RUN that
// runs a here-document, they are the body's. It is 0 when the program is
// not known (exec form, a non-POSIX SHELL, text that does not parse).
func (in *Instruction) Statements(f *File) int {
	if !in.Runs() {
		return 0
	}
	script := in.Shell(f)
	if script.Exec || !script.Parsed {
		return 0
	}
	src := argsSource(f, in)
	if len(in.Heredocs) > 0 {
		if !script.Heredoc || len(in.Heredocs) != 1 {
			return 0
		}
		b := &scriptBuilder{f: f, in: in}
		src = b.bodySource(in.Heredocs[0])
	}
	file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src.text), "")
	if err != nil {
		return 0
	}
	return len(file.Stmts)
}
