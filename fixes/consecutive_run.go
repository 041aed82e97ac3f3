package fixes

import (
	"strconv"
	"strings"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// mergeRuns joins a whole run of RUN instructions into one:
//
//	RUN a \
//	    && b
//
// Each body keeps its own continuation lines; comment lines that sat between
// the RUNs move above the merged RUN. A body after the first is wrapped in
// `{ ...; }` when it holds `;`, `||` or `&` at all, so `&&` cannot change
// what runs when an earlier command fails.
func mergeRuns(f *analysis.File, fd analysis.Finding) []Fix {
	data, ok := fd.Data.(rules.MergeRuns)
	if !ok {
		return nil
	}
	first, last := f.Resolve(fd, data.First), f.Resolve(fd, data.Last)
	if first == nil || last == nil || first.Index >= last.Index {
		return nil
	}
	runs := f.Instructions[first.Index : last.Index+1]
	for _, in := range runs {
		if strings.Contains(in.Logical.Text, "<<") {
			return nil // a here-document marker would swallow the lines joined after it
		}
	}
	nl := newline(f)
	indent := continuationIndent(f)
	esc := string(f.Escape)

	var comments []string
	var b strings.Builder
	head := runs[0]
	b.WriteString(f.Text[head.Range.Start.Offset:head.Logical.End])
	for i, in := range runs[1:] {
		// Lines between the previous RUN and this one: keep comments.
		prev := runs[i]
		for line := int(prev.Range.End.Line) + 1; line < int(in.Range.Start.Line); line++ {
			text := strings.TrimRight(f.Text[f.Lines.Start(line):f.Lines.End(line)], "\r")
			if strings.HasPrefix(strings.TrimSpace(text), "#") {
				comments = append(comments, strings.TrimLeft(text, " \t"))
			}
		}
		if len(in.Args) == 0 {
			return nil
		}
		body := f.Text[in.Args[0].Range.Start.Offset:in.Logical.End]
		if strings.Contains(body, "#") {
			return nil // a trailing shell comment would swallow what follows
		}
		if needsGroup(in.Logical.Text) {
			body = "{ " + strings.TrimSuffix(strings.TrimRight(body, " \t"), ";") + "; }"
		}
		b.WriteString(" " + esc + nl + indent + "&& " + body)
	}
	var out strings.Builder
	for _, c := range comments {
		out.WriteString(c + nl)
	}
	out.WriteString(b.String())
	start := int(head.Range.Start.Offset)
	edit := Edit{Start: start, End: runs[len(runs)-1].Logical.End, NewText: out.String()}
	return []Fix{{
		Title:     "Merge " + strconv.Itoa(len(runs)) + " RUN instructions into one layer",
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{edit},
	}}
}

// needsGroup reports whether a RUN body has an operator that binds looser
// than && or separates commands.
func needsGroup(body string) bool {
	s := strings.ReplaceAll(body, "&&", "")
	return strings.ContainsAny(s, ";&\n") || strings.Contains(body, "||")
}
