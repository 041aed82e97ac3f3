package fixes

import (
	"encoding/json"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

// upperLike returns word in upper case when like is not all lower case.
func upperLike(word, like string) string {
	if like == strings.ToLower(like) {
		return strings.ToLower(word)
	}
	return strings.ToUpper(word)
}

// maintainerToLabel: MAINTAINER x -> LABEL org.opencontainers.image.authors="x".
func maintainerToLabel(f *analysis.File, fd analysis.Finding) []Fix {
	in := f.InstructionAt(int(fd.Range.Start.Offset))
	if in == nil || in.Name != "maintainer" || len(in.Args) == 0 {
		return nil
	}
	start, end := int(in.Args[0].Range.Start.Offset), in.Logical.End
	if in.Logical.EndLine != int(in.Keyword.Range.Start.Line) {
		return nil // a maintainer spread over continuation lines: leave it to the user
	}
	author := strings.Trim(strings.TrimSpace(f.Text[start:end]), `"`)
	text := upperLike("LABEL", in.Keyword.Text) + " org.opencontainers.image.authors=" + jsonString(author)
	return []Fix{{
		Title:     "Replace MAINTAINER with an org.opencontainers.image.authors label",
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{{Start: int(in.Keyword.Range.Start.Offset), End: end, NewText: text}},
	}}
}

// toExecForm rewrites `CMD a b c` as `CMD ["a", "b", "c"]` when the command
// is one plain command: no variables, operators, redirections or globs,
// which only a shell would interpret.
func toExecForm(f *analysis.File, fd analysis.Finding) []Fix {
	in := f.InstructionAt(int(fd.Range.Start.Offset))
	if in == nil || len(in.Args) == 0 || in.Logical.EndLine != int(in.Keyword.Range.Start.Line) {
		return nil
	}
	script := in.Shell(f)
	if script == nil || !script.Parsed || len(script.Commands) != 1 {
		return nil
	}
	cmd := script.Commands[0]
	if len(cmd.Env) > 0 || len(cmd.Prefix) > 0 {
		return nil
	}
	start, end := int(in.Args[0].Range.Start.Offset), int(in.Args[len(in.Args)-1].Range.End.Offset)
	if strings.ContainsAny(shellMeta(f.Text[start:end]), "$|&;<>()`*?[]{}~#\\\n") {
		return nil
	}
	words := append([]analysis.ShellWord{cmd.Name}, cmd.Args...)
	elems := make([]string, 0, len(words))
	for _, w := range words {
		if !w.Literal {
			return nil
		}
		elems = append(elems, jsonString(w.Text))
	}
	return []Fix{{
		Title:     "Use the JSON (exec) form",
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{{Start: start, End: end, NewText: "[" + strings.Join(elems, ", ") + "]"}},
	}}
}

// jsonString quotes s as a JSON string, leaving <, > and & readable.
func jsonString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// shellMeta drops quoted spans, leaving the characters a shell would
// interpret.
func shellMeta(s string) string {
	var b strings.Builder
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if quote == '"' && (c == '$' || c == '`' || c == '\\') {
				b.WriteByte(c)
			}
		case c == '\'' || c == '"':
			quote = c
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// matchAsCasing writes AS in the case of FROM.
func matchAsCasing(f *analysis.File, fd analysis.Finding) []Fix {
	in := f.InstructionAt(int(fd.Range.Start.Offset))
	if in == nil || in.Stage == nil || in.Stage.AsWord == nil {
		return nil
	}
	as := in.Stage.AsWord
	want := upperLike("as", in.Keyword.Text)
	return []Fix{{
		Title:     "Write '" + want + "' to match '" + in.Keyword.Text + "'",
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{{Start: int(as.Range.Start.Offset), End: int(as.Range.End.Offset), NewText: want}},
	}}
}

// lowercaseStage renames a stage to lower case, with every reference to it:
// FROM <stage>, COPY --from=<stage>, RUN --mount=from=<stage>.
func lowercaseStage(f *analysis.File, fd analysis.Finding) []Fix {
	var st *analysis.Stage
	for _, s := range f.Stages {
		if s.NameWord != nil && int(s.NameWord.Range.Start.Offset) == int(fd.Range.Start.Offset) {
			st = s
		}
	}
	if st == nil || st.Name == strings.ToLower(st.Name) {
		return nil
	}
	name, lower := st.Name, strings.ToLower(st.Name)
	edits := []Edit{{Start: int(st.NameWord.Range.Start.Offset), End: int(st.NameWord.Range.End.Offset), NewText: lower}}
	for _, later := range f.Stages[st.Index+1:] {
		if strings.EqualFold(later.Base.Text, name) {
			edits = append(edits, Edit{Start: int(later.Base.Range.Start.Offset), End: int(later.Base.Range.End.Offset), NewText: lower})
		}
	}
	for _, in := range f.Instructions {
		if in.Stage == nil || in.Stage.Index <= st.Index {
			continue
		}
		for _, fl := range in.Flags {
			switch {
			case fl.Name == "from" && strings.EqualFold(fl.Value, name):
				edits = append(edits, Edit{Start: int(fl.ValueRange.Start.Offset), End: int(fl.ValueRange.End.Offset), NewText: lower})
			case fl.Name == "mount":
				edits = append(edits, mountFromEdits(fl, name, lower)...)
			}
		}
	}
	title := "Rename stage '" + name + "' to '" + lower + "'"
	if n := len(edits) - 1; n > 0 {
		title += " and its references"
	}
	return []Fix{{Title: title, Kind: QuickFix, Preferred: true, Edits: edits}}
}

// mountFromEdits renames from=<name> inside a --mount value.
func mountFromEdits(fl analysis.Flag, name, lower string) []Edit {
	var edits []Edit
	off := 0
	for _, part := range strings.Split(fl.Value, ",") {
		if k, v, ok := strings.Cut(part, "="); ok && strings.EqualFold(k, "from") && strings.EqualFold(v, name) {
			start := int(fl.ValueRange.Start.Offset) + off + len(k) + 1
			edits = append(edits, Edit{Start: start, End: start + len(v), NewText: lower})
		}
		off += len(part) + 1
	}
	return edits
}

// matchInstructionCasing writes the keyword in the file's majority casing.
func matchInstructionCasing(f *analysis.File, fd analysis.Finding) []Fix {
	in := f.InstructionAt(int(fd.Range.Start.Offset))
	if in == nil {
		return nil
	}
	want := strings.ToUpper(in.Keyword.Text)
	if strings.Contains(fd.Message, "(lowercase)") {
		want = strings.ToLower(in.Keyword.Text)
	}
	return []Fix{{
		Title:     "Write '" + want + "'",
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{{Start: int(in.Keyword.Range.Start.Offset), End: int(in.Keyword.Range.End.Offset), NewText: want}},
	}}
}

// toKeyValue rewrites the legacy `ENV key value` as `ENV key="value"`.
func toKeyValue(f *analysis.File, fd analysis.Finding) []Fix {
	in := f.InstructionAt(int(fd.Range.Start.Offset))
	if in == nil || len(in.Args) < 2 || in.Logical.EndLine != int(in.Keyword.Range.Start.Line) {
		return nil
	}
	key := in.Args[0]
	valStart := int(in.Args[1].Range.Start.Offset)
	value := f.Text[valStart:int(in.Args[len(in.Args)-1].Range.End.Offset)]
	var quoted string
	switch {
	case len(in.Args) == 2 && isQuoted(value):
		quoted = value
	case !strings.ContainsAny(value, "\"'\\`"):
		if len(in.Args) == 2 && !strings.ContainsAny(value, " \t") {
			quoted = value
		} else {
			quoted = `"` + value + `"`
		}
	default:
		return nil // quotes inside a legacy value: too easy to get wrong
	}
	return []Fix{{
		Title:     "Use " + strings.ToUpper(in.Name) + " " + key.Text + "=...",
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{{Start: int(key.Range.Start.Offset), End: int(in.Args[len(in.Args)-1].Range.End.Offset), NewText: key.Text + "=" + quoted}},
	}}
}

func isQuoted(s string) bool {
	return len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] && !strings.ContainsRune(s[1:len(s)-1], rune(s[0]))
}
