package ide

import (
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

// This file finds where stage names and variables are written: the raw
// material of hover, definition, references and rename.

// SymbolKind says what a name refers to.
type SymbolKind int

// Kinds of names.
const (
	SymbolStage    SymbolKind = iota + 1 // a build stage (`FROM ... AS name`)
	SymbolVariable                       // an ARG or ENV variable
)

// Occurrence is one place where a stage or a variable is named.
type Occurrence struct {
	Kind  SymbolKind
	Name  string
	Range analysis.Range // the name itself
	Def   bool           // the place that declares it: `AS name`, `ARG NAME`, `ENV NAME=`
	In    *analysis.Instruction
}

// logicalIndex maps a source offset inside in's instruction line to an
// index in in.Logical.Text. ok is false for offsets that are not part of the
// logical line (comment lines, heredoc bodies).
func logicalIndex(in *analysis.Instruction, offset int) (int, bool) {
	return in.Logical.Index(offset)
}

// logicalRange maps [a, b) of in.Logical.Text to a source range.
func logicalRange(f *analysis.File, in *analysis.Instruction, a, b int) analysis.Range {
	return f.Lines.Range(in.Logical.Source(a), in.Logical.SourceEnd(b))
}

// mountOpt is one `key=value` of a RUN --mount flag.
type mountOpt struct {
	Key, Value string
	HasValue   bool
	Range      analysis.Range // the whole key=value
	KeyRange   analysis.Range
	ValueRange analysis.Range
}

// mountOpts splits a --mount flag's value into its options with their
// source ranges.
func mountOpts(f *analysis.File, in *analysis.Instruction, fl analysis.Flag) []mountOpt {
	if !fl.HasValue {
		return nil
	}
	vi, ok := logicalIndex(in, int(fl.ValueRange.Start.Offset))
	if !ok {
		return nil
	}
	var out []mountOpt
	start := 0
	for start <= len(fl.Value) {
		end := strings.IndexByte(fl.Value[start:], ',')
		if end < 0 {
			end = len(fl.Value)
		} else {
			end += start
		}
		seg := fl.Value[start:end]
		key, value, has := strings.Cut(seg, "=")
		o := mountOpt{Key: strings.ToLower(key), Value: value, HasValue: has,
			Range:    logicalRange(f, in, vi+start, vi+end),
			KeyRange: logicalRange(f, in, vi+start, vi+start+len(key))}
		if has {
			o.ValueRange = logicalRange(f, in, vi+start+len(key)+1, vi+end)
		} else {
			o.ValueRange = logicalRange(f, in, vi+end, vi+end)
		}
		out = append(out, o)
		start = end + 1
	}
	return out
}

// mountType is the type= of a --mount's options ("bind" by default).
func mountType(opts []mountOpt) string {
	for _, o := range opts {
		if o.Key == "type" {
			return strings.ToLower(o.Value)
		}
	}
	return "bind"
}

// stageOccurrences lists every place a stage is named: its definition and
// the references to it from FROM, COPY --from and RUN --mount=from=.
func stageOccurrences(f *analysis.File) []Occurrence {
	return stageOccurrencesOf(f, f.Instructions)
}

func stageOccurrencesOf(f *analysis.File, ins []*analysis.Instruction) []Occurrence {
	var out []Occurrence
	ref := func(name string, r analysis.Range, in *analysis.Instruction) {
		if st := f.StageNamed(name, -1); st != nil {
			out = append(out, Occurrence{Kind: SymbolStage, Name: st.Name, Range: r, In: in})
		}
	}
	for _, in := range ins {
		switch in.Name {
		case "from":
			st := in.Stage
			if st == nil {
				continue
			}
			if st.Base.Text != "" && f.StageNamed(st.Base.Text, st.Index) != nil {
				ref(st.Base.Text, st.Base.Range, in)
			}
			if st.NameWord != nil {
				out = append(out, Occurrence{Kind: SymbolStage, Name: st.Name, Range: st.NameWord.Range, Def: true, In: in})
			}
		case "copy", "add":
			if fl, ok := in.Flag("from"); ok && fl.HasValue {
				ref(fl.Value, fl.ValueRange, in)
			}
		case "run":
			for _, fl := range in.Flags {
				if fl.Name != "mount" {
					continue
				}
				for _, o := range mountOpts(f, in, fl) {
					if o.Key == "from" && o.HasValue {
						ref(o.Value, o.ValueRange, in)
					}
				}
			}
		}
	}
	return out
}

// varDefs lists the variables an ARG or ENV instruction declares.
func varDefs(f *analysis.File, in *analysis.Instruction) []Occurrence {
	if in.Name != "arg" && in.Name != "env" {
		return nil
	}
	var out []Occurrence
	def := func(w analysis.Word, n int) {
		if n == 0 {
			return
		}
		r := f.Lines.Range(int(w.Range.Start.Offset), int(w.Range.Start.Offset)+n)
		out = append(out, Occurrence{Kind: SymbolVariable, Name: w.Text[:n], Range: r, Def: true, In: in})
	}
	legacy := in.Name == "env" && len(in.Args) > 0 && !strings.Contains(in.Args[0].Text, "=")
	for i, w := range in.Args {
		if legacy && i > 0 {
			break
		}
		n := strings.IndexByte(w.Text, '=')
		if n < 0 {
			n = len(w.Text)
		}
		if !isIdentifier(w.Text[:n]) {
			continue
		}
		def(w, n)
	}
	return out
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isNameChar(s[i]) || (i == 0 && s[i] >= '0' && s[i] <= '9') {
			return false
		}
	}
	return true
}

func isNameChar(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// varUses lists the `$NAME` and `${NAME...}` references in an instruction:
// on its line (flags and arguments) and in its expanding heredoc bodies.
func varUses(f *analysis.File, in *analysis.Instruction) []Occurrence {
	var out []Occurrence
	text := in.Logical.Text
	from := 0
	if n := len(in.Keyword.Text); n <= len(text) {
		from = n
	}
	scanVars(text, from, f.Escape, func(a, b int) {
		out = append(out, Occurrence{Kind: SymbolVariable, Name: text[a:b], Range: logicalRange(f, in, a, b), In: in})
	})
	for _, h := range in.Heredocs {
		if !h.Expand {
			continue
		}
		body := f.Text[h.Body.Start.Offset:h.Body.End.Offset]
		base := int(h.Body.Start.Offset)
		scanVars(body, 0, f.Escape, func(a, b int) {
			out = append(out, Occurrence{Kind: SymbolVariable, Name: body[a:b], Range: f.Lines.Range(base+a, base+b), In: in})
		})
	}
	return out
}

// scanVars calls fn with the span of the name of every variable reference
// in s[from:], skipping references escaped with esc.
func scanVars(s string, from int, esc byte, fn func(a, b int)) {
	for i := from; i < len(s); i++ {
		c := s[i]
		if c == esc {
			i++
			continue
		}
		if c != '$' || i+1 >= len(s) {
			continue
		}
		start := i + 1
		if s[start] == '{' {
			start++
		}
		end := start
		for end < len(s) && isNameChar(s[end]) {
			end++
		}
		if end > start && !(s[start] >= '0' && s[start] <= '9') {
			fn(start, end)
		}
		i = end - 1
	}
}

// varScopes assigns each instruction's variables to a scope: -1 for the ARGs
// before the first FROM and the FROM lines that use them; otherwise the index
// of the stage at the root of the instruction's FROM chain, since a stage
// built FROM another inherits its environment.
type varScopes struct {
	root []int // root[stage index] is the root stage of its chain
}

func scopesOf(f *analysis.File) varScopes {
	s := varScopes{root: make([]int, len(f.Stages))}
	for _, st := range f.Stages {
		s.root[st.Index] = st.Index
		if p := f.Parent(st); p != nil {
			s.root[st.Index] = s.root[p.Index]
		}
	}
	return s
}

func (s varScopes) of(in *analysis.Instruction) int {
	if in.Stage == nil || in.Name == "from" {
		return -1
	}
	return s.root[in.Stage.Index]
}

// VarDef is the declaration of a variable in effect at some point.
type VarDef struct {
	Name     string
	Kind     string // "ARG" or "ENV"
	Value    string
	HasValue bool
	Def      Occurrence
	// Global is the ARG before the first FROM that a bare `ARG NAME` inside
	// a stage brings into scope, or nil.
	Global *VarDef
}

// varDef reads the declaration of name in an ARG or ENV instruction.
func varDef(o Occurrence) VarDef {
	d := VarDef{Name: o.Name, Kind: strings.ToUpper(o.In.Name), Def: o}
	rest := ""
	end := o.Range.End.Offset
	for _, w := range o.In.Args {
		if w.Range.Start.Offset == o.Range.Start.Offset {
			rest = w.Text[end-w.Range.Start.Offset:]
		}
	}
	switch {
	case strings.HasPrefix(rest, "="):
		d.Value, d.HasValue = unquote(rest[1:]), true
	case o.In.Name == "env" && len(o.In.Args) > 1:
		var parts []string
		for _, w := range o.In.Args[1:] {
			parts = append(parts, w.Text)
		}
		d.Value, d.HasValue = unquote(strings.Join(parts, " ")), true
	}
	return d
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// globalArg is the last ARG before the first FROM that declares name.
func globalArg(f *analysis.File, name string) *VarDef {
	var found *VarDef
	for _, in := range f.MetaArgs {
		for _, o := range varDefs(f, in) {
			if o.Name == name {
				d := varDef(o)
				found = &d
			}
		}
	}
	return found
}

// VariableAt is the declaration of name in effect at instruction in: the
// last ARG or ENV before it in its stage, an ENV of the stages it is built
// FROM, or for a FROM line an ARG before the first FROM.
func VariableAt(f *analysis.File, in *analysis.Instruction, name string) (*VarDef, bool) {
	if in.Stage == nil || in.Name == "from" {
		d := globalArg(f, name)
		return d, d != nil
	}
	var found *VarDef
	var walk func(st *analysis.Stage, upto int, inherited bool)
	walk = func(st *analysis.Stage, upto int, inherited bool) {
		if p := f.Parent(st); p != nil {
			walk(p, maxInt, true)
		}
		for _, i := range st.Instructions {
			if i.Index >= upto {
				break
			}
			if inherited && i.Name != "env" {
				continue // ARGs end with their stage
			}
			for _, o := range varDefs(f, i) {
				if o.Name == name {
					d := varDef(o)
					found = &d
				}
			}
		}
	}
	walk(in.Stage, in.Index, false)
	if found != nil && found.Kind == "ARG" {
		found.Global = globalArg(f, name)
	}
	return found, found != nil
}

const maxInt = int(^uint(0) >> 1)

// occurrenceAt finds the stage or variable name under offset.
func occurrenceAt(f *analysis.File, offset int) (Occurrence, bool) {
	in := f.InstructionAt(offset)
	if in == nil {
		return Occurrence{}, false
	}
	for _, o := range varDefs(f, in) {
		if o.Range.Contains(offset) {
			return o, true
		}
	}
	for _, o := range varUses(f, in) {
		if o.Range.Contains(offset) || (int(o.Range.Start.Offset)-1 == offset && offset >= 0 && f.Text[offset] == '$') {
			return o, true
		}
	}
	if o, ok := stageOccurrenceIn(f, in, offset); ok {
		return o, true
	}
	return Occurrence{}, false
}

// stageOccurrenceIn finds a stage name under offset within one instruction.
func stageOccurrenceIn(f *analysis.File, in *analysis.Instruction, offset int) (Occurrence, bool) {
	for _, o := range stageOccurrencesOf(f, []*analysis.Instruction{in}) {
		if o.Range.Contains(offset) {
			return o, true
		}
	}
	return Occurrence{}, false
}
