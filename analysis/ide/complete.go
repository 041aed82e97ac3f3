package ide

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

// CompletionKind says what a completion item inserts.
type CompletionKind int

// Kinds of completion items.
const (
	CompleteKeyword   CompletionKind = iota + 1 // an instruction
	CompleteFlag                                // a --flag or a --mount option
	CompleteValue                               // a known value of a flag or directive
	CompleteVariable                            // an ARG or ENV variable
	CompleteStage                               // a stage name
	CompleteDirective                           // a parser directive or pragma
	CompleteRule                                // a rule ID in a pragma or check directive
)

// CompletionItem is one proposal. Insert replaces the text of Replace; when
// Snippet is set it holds LSP snippet syntax ($1, ${1:default}).
type CompletionItem struct {
	Label   string
	Kind    CompletionKind
	Detail  string
	Doc     string // Markdown
	Insert  string
	Snippet bool
	Replace analysis.Range
}

// Complete proposes what can be written at offset, from the parsed file.
func Complete(f *analysis.File, offset int, rules []*analysis.Rule) []CompletionItem {
	if offset < 0 || offset > len(f.Text) {
		return nil
	}
	pos := f.Lines.Pos(offset)
	lineStart := f.Lines.Start(int(pos.Line))
	prefix := f.Text[lineStart:offset]
	trimmed := strings.TrimLeft(prefix, " \t")
	in := f.InstructionAt(offset)
	if in != nil {
		for _, h := range in.Heredocs {
			if offset >= int(h.Body.Start.Offset) && offset < int(h.End.Start.Offset) {
				return completeHeredocBody(f, in, h, offset)
			}
		}
	}
	if strings.HasPrefix(trimmed, "#") {
		return completeComment(f, int(pos.Line), lineStart+len(prefix)-len(trimmed), trimmed, offset, rules)
	}
	if in == nil || offset <= int(in.Keyword.Range.End.Offset) && offset >= int(in.Keyword.Range.Start.Offset) {
		if !isWordPrefix(trimmed) {
			return nil
		}
		end := offset
		for end < len(f.Text) && isNameChar(f.Text[end]) {
			end++
		}
		return completeInstructions(f, f.Lines.Range(offset-len(trimmed), end))
	}
	li, ok := logicalIndex(in, offset)
	if !ok {
		return nil
	}
	return completeInLine(f, in, li)
}

func isWordPrefix(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	return true
}

// completeInstructions proposes every instruction, in the case the file
// already uses.
func completeInstructions(f *analysis.File, r analysis.Range) []CompletionItem {
	lower := len(f.Instructions) > 0 && f.Instructions[0].Keyword.Text != "" &&
		f.Instructions[0].Keyword.Text == strings.ToLower(f.Instructions[0].Keyword.Text)
	docs := Instructions()
	out := make([]CompletionItem, 0, len(docs))
	for _, d := range docs {
		name := d.Name
		if lower {
			name = strings.ToLower(name)
		}
		out = append(out, CompletionItem{
			Label: name, Kind: CompleteKeyword, Detail: d.Summary, Doc: d.Markdown(),
			Insert: name + " " + d.Snippet, Snippet: true, Replace: r,
		})
	}
	return out
}

// completeInLine completes inside an instruction line at index li of its
// logical text: variables, flags, flag values, stage names.
func completeInLine(f *analysis.File, in *analysis.Instruction, li int) []CompletionItem {
	text := in.Logical.Text[:li]
	tokStart := li
	for tokStart > 0 && !analysis.IsBlank(text[tokStart-1]) {
		tokStart--
	}
	tok := text[tokStart:]
	if items, ok := completeVariable(f, in, text, li); ok {
		return items
	}
	words := strings.Fields(text[:tokStart])
	if len(words) == 0 {
		return nil // still in the keyword
	}
	words = words[1:] // after the keyword
	flagsOnly := true
	for _, w := range words {
		if !strings.HasPrefix(w, "--") {
			flagsOnly = false
		}
	}
	rng := func(a int) analysis.Range { return logicalRange(f, in, a, li) }
	if strings.HasPrefix(tok, "--") && flagsOnly {
		name, value, hasValue := strings.Cut(tok[2:], "=")
		if !hasValue {
			return completeFlags(in.Name, rng(tokStart))
		}
		valueStart := tokStart + 3 + len(name)
		return completeFlagValue(f, in, strings.ToLower(name), value, valueStart, li)
	}
	args := 0
	for _, w := range words {
		if !strings.HasPrefix(w, "--") {
			args++
		}
	}
	switch {
	case in.Name == "from" && args == 0:
		return completeStages(f, in, rng(tokStart))
	case in.Name == "from" && args == 1 && isWordPrefix(tok):
		return []CompletionItem{{Label: "AS", Kind: CompleteKeyword, Detail: "name this stage",
			Insert: "AS ${1:name}", Snippet: true, Replace: rng(tokStart)}}
	case in.Name == "onbuild" && args == 0 && isWordPrefix(tok):
		return completeInstructions(f, rng(tokStart))
	case in.Name == "healthcheck" && args == 0 && isWordPrefix(tok) && !strings.HasPrefix(tok, "-"):
		return []CompletionItem{
			{Label: "CMD", Kind: CompleteKeyword, Detail: "the command that checks health", Insert: "CMD ${1:command}", Snippet: true, Replace: rng(tokStart)},
			{Label: "NONE", Kind: CompleteKeyword, Detail: "disable the health check inherited from the base image", Insert: "NONE", Replace: rng(tokStart)},
		}
	}
	return nil
}

// completeFlags proposes the flags of an instruction.
func completeFlags(instruction string, r analysis.Range) []CompletionItem {
	var out []CompletionItem
	for _, d := range FlagsOf(instruction) {
		item := CompletionItem{Label: "--" + d.Name, Kind: CompleteFlag, Detail: d.Value, Doc: d.Markdown(), Replace: r}
		switch {
		case d.Name == "mount":
			item.Insert, item.Snippet = "--mount=type=${1|cache,bind,tmpfs,secret,ssh|},target=${2:path}", true
		case len(d.Values) > 0:
			item.Insert, item.Snippet = "--"+d.Name+"=${1|"+strings.Join(d.Values, ",")+"|}", true
		case d.Value != "":
			item.Insert, item.Snippet = "--"+d.Name+"=${1:"+d.Value+"}", true
		default:
			item.Insert = "--" + d.Name
		}
		out = append(out, item)
	}
	return out
}

// completeFlagValue completes after `--name=`; the value typed so far is
// value, starting at index valueStart of the logical text.
func completeFlagValue(f *analysis.File, in *analysis.Instruction, name, value string, valueStart, li int) []CompletionItem {
	rng := func(a int) analysis.Range { return logicalRange(f, in, a, li) }
	switch {
	case in.Name == "run" && name == "mount":
		return completeMount(f, in, value, valueStart, li)
	case (in.Name == "copy" || in.Name == "add") && name == "from":
		return completeStages(f, in, rng(valueStart))
	}
	d, ok := LookupFlag(in.Name, name)
	if !ok {
		return nil
	}
	return valueItems(d.Values, d.Summary, rng(valueStart))
}

func valueItems(values []string, detail string, r analysis.Range) []CompletionItem {
	out := make([]CompletionItem, 0, len(values))
	for _, v := range values {
		out = append(out, CompletionItem{Label: v, Kind: CompleteValue, Detail: detail, Insert: v, Replace: r})
	}
	return out
}

// completeMount completes the options of RUN --mount=.
func completeMount(f *analysis.File, in *analysis.Instruction, value string, valueStart, li int) []CompletionItem {
	segStart := strings.LastIndexByte(value, ',') + 1
	seg := value[segStart:]
	r := logicalRange(f, in, valueStart+segStart, li)
	typ, used := "bind", map[string]bool{}
	hasType := false
	for _, s := range strings.Split(value[:segStart], ",") {
		k, v, _ := strings.Cut(s, "=")
		k = strings.ToLower(k)
		if o, ok := LookupMountOption(k); ok {
			used[o.Name] = true
		}
		if k == "type" {
			typ, hasType = strings.ToLower(v), true
		}
	}
	key, _, hasValue := strings.Cut(seg, "=")
	if hasValue {
		key = strings.ToLower(key)
		vr := logicalRange(f, in, valueStart+segStart+len(key)+1, li)
		switch key {
		case "type":
			out := make([]CompletionItem, 0, len(mountTypes))
			for _, t := range mountTypes {
				out = append(out, CompletionItem{Label: t.Name, Kind: CompleteValue, Detail: "mount type", Doc: t.Markdown(), Insert: t.Name, Replace: vr})
			}
			return out
		case "from":
			return completeStages(f, in, vr)
		}
		if o, ok := LookupMountOption(key); ok {
			return valueItems(o.Values, o.Summary, vr)
		}
		return nil
	}
	var out []CompletionItem
	if !hasType {
		opt, _ := LookupMountOption("type")
		out = append(out, CompletionItem{Label: "type", Kind: CompleteFlag, Detail: "mount type", Doc: opt.Markdown(),
			Insert: "type=${1|cache,bind,tmpfs,secret,ssh|}", Snippet: true, Replace: r})
	}
	t, ok := LookupMountType(typ)
	if !ok {
		return out
	}
	for _, name := range t.Options {
		if used[name] {
			continue
		}
		o, _ := LookupMountOption(name)
		item := CompletionItem{Label: name, Kind: CompleteFlag, Detail: "--mount option for type=" + typ, Doc: o.Markdown(), Insert: name + "=", Replace: r}
		if len(o.Values) > 0 {
			item.Insert, item.Snippet = name+"=${1|"+strings.Join(o.Values, ",")+"|}", true
		}
		out = append(out, item)
	}
	return out
}

// completeStages proposes the stages defined before in's stage.
func completeStages(f *analysis.File, in *analysis.Instruction, r analysis.Range) []CompletionItem {
	before := len(f.Stages)
	if in.Stage != nil {
		before = in.Stage.Index
	}
	var out []CompletionItem
	for _, st := range f.Stages[:before] {
		if st.Name == "" {
			continue
		}
		// A cheap doc: resolving every stage's base would cost a shell
		// expansion per stage on each keystroke.
		doc := fmt.Sprintf("**Stage `%s`** (stage %d, line %d): `FROM %s`", st.Name, st.Index+1, st.From.Range.Start.Line+1, st.Base.Text)
		out = append(out, CompletionItem{Label: st.Name, Kind: CompleteStage, Detail: "stage FROM " + st.Base.Text,
			Doc: doc, Insert: st.Name, Replace: r})
	}
	return out
}

// completeVariable completes a `$NAME` or `${NAME` being typed at the end
// of text; ok is false when the cursor is not in a variable reference.
func completeVariable(f *analysis.File, in *analysis.Instruction, text string, li int) ([]CompletionItem, bool) {
	i := len(text)
	for i > 0 && isNameChar(text[i-1]) {
		i--
	}
	braced := i > 1 && text[i-1] == '{' && text[i-2] == '$'
	if !braced && (i == 0 || text[i-1] != '$') {
		return nil, false
	}
	if i > 1 && text[i-2] == f.Escape && !braced || i > 2 && braced && text[i-3] == f.Escape {
		return nil, false
	}
	closeBrace := braced && (li >= len(in.Logical.Text) || in.Logical.Text[li] != '}')
	return variableItems(f, in, logicalRange(f, in, i, li), closeBrace), true
}

// completeHeredocBody completes variables inside an expanding heredoc body.
func completeHeredocBody(f *analysis.File, in *analysis.Instruction, h analysis.Heredoc, offset int) []CompletionItem {
	if !h.Expand {
		return nil
	}
	start := f.Lines.Start(int(f.Lines.Pos(offset).Line))
	text := f.Text[start:offset]
	i := len(text)
	for i > 0 && isNameChar(text[i-1]) {
		i--
	}
	braced := i > 1 && text[i-1] == '{' && text[i-2] == '$'
	if !braced && (i == 0 || text[i-1] != '$') {
		return nil
	}
	closeBrace := braced && (offset >= len(f.Text) || f.Text[offset] != '}')
	return variableItems(f, in, f.Lines.Range(start+i, offset), closeBrace)
}

// variableItems lists the variables in scope at in.
func variableItems(f *analysis.File, in *analysis.Instruction, r analysis.Range, closeBrace bool) []CompletionItem {
	seen := map[string]bool{}
	var out []CompletionItem
	add := func(name, detail, doc string) {
		if seen[name] {
			return
		}
		seen[name] = true
		insert := name
		if closeBrace {
			insert += "}"
		}
		out = append(out, CompletionItem{Label: name, Kind: CompleteVariable, Detail: detail, Doc: doc, Insert: insert, Replace: r})
	}
	addDefs := func(ins []*analysis.Instruction, upto int, envOnly bool) {
		for _, i := range ins {
			if i.Index >= upto {
				break
			}
			if envOnly && i.Name != "env" {
				continue
			}
			for _, o := range varDefs(f, i) {
				d := varDef(o)
				detail := d.Kind
				if d.HasValue {
					detail += " = " + d.Value
				}
				seen[o.Name] = false // a later declaration wins
				add(o.Name, detail, hoverVariable(f, o))
			}
		}
	}
	if in.Stage == nil || in.Name == "from" {
		addDefs(f.MetaArgs, maxInt, false)
		for _, name := range []string{"BUILDPLATFORM", "TARGETPLATFORM", "BUILDOS", "BUILDARCH", "TARGETOS", "TARGETARCH", "TARGETVARIANT"} {
			add(name, "predefined ARG", predefinedArgs[name])
		}
		return dedupeLast(out)
	}
	var chain []*analysis.Stage
	for st := in.Stage; st != nil; st = f.Parent(st) {
		chain = append(chain, st)
	}
	for i := len(chain) - 1; i > 0; i-- {
		addDefs(chain[i].Instructions, maxInt, true)
	}
	addDefs(in.Stage.Instructions, in.Index, false)
	return dedupeLast(out)
}

// dedupeLast keeps the last item of each label, in the order of first
// appearance.
func dedupeLast(items []CompletionItem) []CompletionItem {
	last := map[string]int{}
	for i, it := range items {
		last[it.Label] = i
	}
	out := items[:0]
	for i, it := range items {
		if last[it.Label] == i {
			out = append(out, it)
		}
	}
	return out
}

var (
	commentWord  = regexp.MustCompile(`^#\s*([a-zA-Z]*)$`)
	checkValue   = regexp.MustCompile(`^#\s*check\s*=\s*(.*)$`)
	pragmaValue  = regexp.MustCompile(`^#\s*layerwise\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\-]*)$`)
	syntaxValue  = regexp.MustCompile(`^#\s*(syntax|escape)\s*=\s*(\S*)$`)
	pragmaPrefix = regexp.MustCompile(`^#\s*(l[a-z]*)?$`)
)

// completeComment completes parser directives, `# check=skip=` rule names
// and `# layerwise ignore=` rule IDs. text is the line from its '#' to the
// cursor, which starts at offset start.
func completeComment(f *analysis.File, line, start int, text string, offset int, rules []*analysis.Rule) []CompletionItem {
	at := func(i int) analysis.Range { return f.Lines.Range(start+i, offset) }
	if m := checkValue.FindStringSubmatchIndex(text); m != nil && inDirectiveZone(f, line) {
		value := text[m[2]:]
		part := value[strings.LastIndexByte(value, ';')+1:]
		partStart := m[2] + len(value) - len(part)
		if rest, ok := strings.CutPrefix(part, "skip="); ok {
			seg := rest[strings.LastIndexByte(rest, ',')+1:]
			return ruleItems(analysis.SourceBuildKit, at(len(text)-len(seg)), rules)
		}
		if !strings.Contains(part, "=") {
			return []CompletionItem{
				{Label: "skip=", Kind: CompleteValue, Detail: "turn BuildKit rules off", Insert: "skip=", Replace: at(partStart)},
				{Label: "error=true", Kind: CompleteValue, Detail: "fail the build on a check violation", Insert: "error=true", Replace: at(partStart)},
			}
		}
		return nil
	}
	if m := syntaxValue.FindStringSubmatchIndex(text); m != nil && inDirectiveZone(f, line) {
		values := map[string][]string{"syntax": {"docker/dockerfile:1", "docker/dockerfile:1-labs"}, "escape": {"\\", "`"}}
		name := strings.ToLower(text[m[2]:m[3]])
		return valueItems(values[name], "value of the "+name+" directive", at(m[4]))
	}
	if m := pragmaValue.FindStringSubmatchIndex(text); m != nil {
		list := text[m[4]:]
		seg := list[strings.LastIndexByte(list, ',')+1:]
		return ruleItems("", at(len(text)-len(seg)), rules)
	}
	var out []CompletionItem
	if m := commentWord.FindStringSubmatchIndex(text); m != nil && inDirectiveZone(f, line) {
		for _, d := range directiveDocs {
			if _, dup := f.Directive(d.Name); dup {
				continue
			}
			out = append(out, CompletionItem{Label: d.Name, Kind: CompleteDirective, Detail: "parser directive",
				Doc: d.Markdown(), Insert: d.Snippet, Snippet: true, Replace: at(m[2])})
		}
	}
	if m := pragmaPrefix.FindStringSubmatchIndex(text); m != nil {
		r := at(len(text))
		if m[2] >= 0 {
			r = at(m[2])
		}
		out = append(out,
			CompletionItem{Label: "layerwise ignore=", Kind: CompleteDirective, Detail: "silence rules for the next instruction",
				Doc: pragmaDoc, Insert: "layerwise ignore=", Replace: r},
			CompletionItem{Label: "layerwise global ignore=", Kind: CompleteDirective, Detail: "silence rules for the whole file",
				Doc: pragmaDoc, Insert: "layerwise global ignore=", Replace: r})
	}
	return out
}

// inDirectiveZone reports whether a directive may still be written on line:
// every line above it is a parser directive.
func inDirectiveZone(f *analysis.File, line int) bool {
	if line > len(f.Directives) {
		return false
	}
	return len(f.Instructions) == 0 || int(f.Instructions[0].Range.Start.Line) >= line
}

// ruleItems proposes rule IDs, of one source or ("") of all.
func ruleItems(source string, r analysis.Range, rules []*analysis.Rule) []CompletionItem {
	out := make([]CompletionItem, 0, len(rules))
	for _, rule := range rules {
		if source != "" && rule.Source != source {
			continue
		}
		out = append(out, CompletionItem{Label: rule.ID, Kind: CompleteRule, Detail: rule.Summary, Doc: ruleMarkdown(rule), Insert: rule.ID, Replace: r})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}
