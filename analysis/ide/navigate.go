package ide

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

// TextEdit replaces the text of Range with NewText.
type TextEdit struct {
	Range   analysis.Range
	NewText string
}

// Definition is where the stage or variable under offset is declared: the
// `AS name` of a stage, the ARG or ENV in effect for a variable.
func Definition(f *analysis.File, offset int) []analysis.Range {
	o, ok := occurrenceAt(f, offset)
	if !ok {
		return nil
	}
	if o.Def {
		return []analysis.Range{o.Range}
	}
	switch o.Kind {
	case SymbolStage:
		if st := f.StageNamed(o.Name, -1); st != nil && st.NameWord != nil {
			return []analysis.Range{st.NameWord.Range}
		}
	case SymbolVariable:
		if d, ok := VariableAt(f, o.In, o.Name); ok {
			return []analysis.Range{d.Def.Range}
		}
	}
	return nil
}

// References lists every place that names the same stage or variable as
// the one under offset, in file order. Declarations are included when
// includeDecl is set.
func References(f *analysis.File, offset int, includeDecl bool) []Occurrence {
	o, ok := occurrenceAt(f, offset)
	if !ok {
		return nil
	}
	all := related(f, o)
	if includeDecl {
		return all
	}
	out := all[:0:0]
	for _, r := range all {
		if !r.Def {
			out = append(out, r)
		}
	}
	return out
}

// Highlights are the occurrences to highlight for the name under offset;
// declarations are the "write" occurrences.
func Highlights(f *analysis.File, offset int) []Occurrence {
	return References(f, offset, true)
}

// related lists the occurrences that refer to the same thing as o.
func related(f *analysis.File, o Occurrence) []Occurrence {
	if o.Kind == SymbolStage {
		var out []Occurrence
		for _, s := range stageOccurrences(f) {
			if strings.EqualFold(s.Name, o.Name) {
				out = append(out, s)
			}
		}
		return out
	}
	scopes := scopesOf(f)
	in := scopes.scopeSet(f, o.Name, scopes.of(o.In))
	var out []Occurrence
	for _, inst := range f.Instructions {
		if !in[scopes.of(inst)] {
			continue
		}
		for _, d := range varDefs(f, inst) {
			if d.Name == o.Name {
				out = append(out, d)
			}
		}
		for _, u := range varUses(f, inst) {
			if u.Name == o.Name {
				out = append(out, u)
			}
		}
	}
	return out
}

// scopeSet is the set of scopes in which name means the same variable as
// in scope `at`: one stage chain, joined with the global ARGs (and every
// other chain that imports the same global) when the chain re-declares a
// global ARG with a bare `ARG NAME`.
func (s varScopes) scopeSet(f *analysis.File, name string, at int) map[int]bool {
	set := map[int]bool{at: true}
	if globalArg(f, name) == nil {
		return set
	}
	imports := map[int]bool{}
	for _, in := range f.Instructions {
		if in.Name != "arg" || in.Stage == nil {
			continue
		}
		for _, d := range varDefs(f, in) {
			if d.Name == name && !varDef(d).HasValue {
				imports[s.of(in)] = true
			}
		}
	}
	if at != -1 && !imports[at] {
		return set
	}
	set[-1] = true
	for sc := range imports {
		set[sc] = true
	}
	return set
}

// stageName is what BuildKit accepts after AS.
var stageName = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9\-_.]*$`)

// PrepareRename reports the range of the renameable name under offset and
// its current text; ok is false where nothing can be renamed (a keyword, a
// variable declared nowhere in the file).
func PrepareRename(f *analysis.File, offset int) (r analysis.Range, name string, ok bool) {
	o, ok := occurrenceAt(f, offset)
	if !ok {
		return analysis.Range{}, "", false
	}
	if !declared(f, o) {
		return analysis.Range{}, "", false
	}
	return o.Range, f.Text[o.Range.Start.Offset:o.Range.End.Offset], true
}

// declared reports whether o's stage or variable is declared in the file.
func declared(f *analysis.File, o Occurrence) bool {
	if o.Def {
		return true
	}
	for _, r := range related(f, o) {
		if r.Def {
			return true
		}
	}
	return false
}

// Rename returns the edits that rename the stage or variable under offset
// to newName everywhere it is named.
func Rename(f *analysis.File, offset int, newName string) ([]TextEdit, error) {
	o, ok := occurrenceAt(f, offset)
	if !ok || !declared(f, o) {
		return nil, fmt.Errorf("nothing to rename here")
	}
	switch o.Kind {
	case SymbolStage:
		if !stageName.MatchString(newName) {
			return nil, fmt.Errorf("%q is not a valid stage name", newName)
		}
		if l := strings.ToLower(newName); l == "scratch" || l == "context" {
			return nil, fmt.Errorf("%q is reserved and cannot name a stage", newName)
		}
		if st := f.StageNamed(newName, -1); st != nil && !strings.EqualFold(st.Name, o.Name) {
			return nil, fmt.Errorf("a stage named %q already exists (line %d)", newName, st.From.Range.Start.Line+1)
		}
	case SymbolVariable:
		if !isIdentifier(newName) {
			return nil, fmt.Errorf("%q is not a valid variable name", newName)
		}
	}
	var edits []TextEdit
	for _, r := range related(f, o) {
		edits = append(edits, TextEdit{Range: r.Range, NewText: newName})
	}
	return edits, nil
}
