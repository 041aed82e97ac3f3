package analysis

import (
	"regexp"
	"strings"
)

// Pragmas that silence findings, in the forms users already write:
//
//	# layerwise ignore=rule-id[,rule-id] [reason]     on the lines before an instruction
//	# layerwise global ignore=rule-id[,...] [reason]  anywhere, for the whole file
//	# hadolint ignore=DL3009[,...]                    through each rule's hadolint alias
//	# hadolint global ignore=DL3009[,...]
//
// BuildKit's `# check=skip=` is applied in Analyze.
var pragma = regexp.MustCompile(`^\s*#\s*(layerwise|hadolint)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\- ]*?[A-Za-z0-9_\-])(\s.*)?$`)

// suppressions holds the ignores of one file.
type suppressions struct {
	global map[string]bool
	// byInstruction maps an instruction index to the IDs ignored before it.
	byInstruction map[int]map[string]bool
}

// parseSuppressions scans comment lines for pragmas.
func (f *File) parseSuppressions() suppressions {
	s := suppressions{global: map[string]bool{}, byInstruction: map[int]map[string]bool{}}
	for line := 0; line < f.Lines.Count(); line++ {
		if g, ids, ok := f.PragmaAt(line); ok && g {
			for _, id := range ids {
				s.global[id] = true
			}
		}
	}
	for _, in := range f.Instructions {
		// Walk up the comment block right above the instruction.
		for line := int(in.Range.Start.Line) - 1; line >= 0; line-- {
			text := strings.TrimSpace(f.LineText(line))
			if !strings.HasPrefix(text, "#") {
				break
			}
			g, ids, ok := f.PragmaAt(line)
			if !ok || g {
				continue
			}
			if s.byInstruction[in.Index] == nil {
				s.byInstruction[in.Index] = map[string]bool{}
			}
			for _, id := range ids {
				s.byInstruction[in.Index][id] = true
			}
		}
	}
	return s
}

func (f *File) LineText(line int) string {
	return strings.TrimRight(f.Text[f.Lines.Start(line):f.Lines.End(line)], "\r")
}

// PragmaAt parses an ignore pragma (`# layerwise ignore=...`, `# hadolint
// ignore=...`) on line; global reports the file-wide form.
func (f *File) PragmaAt(line int) (global bool, ids []string, ok bool) {
	text := f.LineText(line)
	if !strings.Contains(text, "ignore") {
		return false, nil, false // most lines: no need for the regexp
	}
	m := pragma.FindStringSubmatch(text)
	if m == nil {
		return false, nil, false
	}
	for _, id := range strings.Split(m[3], ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	return m[2] != "", ids, true
}

// ignores reports whether a finding of rule r, starting inside instruction
// in (nil for findings outside instructions), is silenced.
func (s suppressions) ignores(r *Rule, in *Instruction) bool {
	names := append([]string{r.ID}, r.Aliases...)
	for _, n := range names {
		if s.global[n] {
			return true
		}
		if in != nil && s.byInstruction[in.Index][n] {
			return true
		}
	}
	return false
}

// InstructionAt returns the instruction whose range contains offset.
func (f *File) InstructionAt(offset int) *Instruction {
	lo, hi := 0, len(f.Instructions)
	for lo < hi {
		mid := (lo + hi) / 2
		in := f.Instructions[mid]
		switch {
		case offset < int(in.Range.Start.Offset):
			hi = mid
		case offset > int(in.Range.End.Offset):
			lo = mid + 1
		default:
			return in
		}
	}
	return nil
}
