package fixes

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

// addToCopy replaces the ADD keyword with COPY, in the keyword's own case
// (ADD -> COPY, add -> copy, Add -> Copy). Flags and arguments stay.
func addToCopy(f *analysis.File, fd analysis.Finding) []Fix {
	in := f.InstructionAt(int(fd.Range.Start.Offset))
	if in == nil || in.Name != "add" {
		return nil
	}
	for _, fl := range in.Flags {
		switch fl.Name {
		case "chown", "chmod", "link", "exclude":
		default:
			return nil // not a COPY option
		}
	}
	kw := in.Keyword
	repl := "COPY"
	switch {
	case kw.Text == strings.ToLower(kw.Text):
		repl = "copy"
	case kw.Text != strings.ToUpper(kw.Text):
		repl = "Copy"
	}
	return []Fix{{
		Title:     "Use COPY instead of ADD",
		Kind:      QuickFix,
		Preferred: true,
		Edits:     []Edit{{Start: int(kw.Range.Start.Offset), End: int(kw.Range.End.Offset), NewText: repl}},
	}}
}
