package ide

import (
	"fmt"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

// Hover explains what is under offset: a parser directive, an instruction
// keyword, a flag or a --mount option, a heredoc marker, a variable, a stage
// name, the image of a FROM, or an ignore pragma. It answers from the parsed
// file alone. r is the range the explanation is about.
func Hover(f *analysis.File, offset int, rules []*analysis.Rule) (markdown string, r analysis.Range, ok bool) {
	if offset < 0 || offset > len(f.Text) {
		return "", analysis.Range{}, false
	}
	for _, d := range f.Directives {
		if d.Range.Contains(offset) {
			return hoverDirective(d, offset, rules)
		}
	}
	in := f.InstructionAt(offset)
	if in == nil || inCommentLine(f, in, offset) {
		return hoverComment(f, offset, rules)
	}
	return hoverInstruction(f, in, offset)
}

// inCommentLine reports whether offset lies on a comment line inside a
// continued instruction.
func inCommentLine(f *analysis.File, in *analysis.Instruction, offset int) bool {
	if _, ok := logicalIndex(in, offset); ok {
		return false
	}
	for _, h := range in.Heredocs {
		if offset >= int(h.Body.Start.Offset) && offset <= int(h.End.End.Offset) {
			return false
		}
	}
	line := int(f.Lines.Pos(offset).Line)
	return strings.HasPrefix(strings.TrimSpace(f.LineText(line)), "#")
}

func hoverInstruction(f *analysis.File, in *analysis.Instruction, offset int) (string, analysis.Range, bool) {
	if in.Keyword.Range.Contains(offset) && !in.Keyword.Range.Empty() {
		if d, ok := LookupInstruction(in.Name); ok {
			return d.Markdown(), in.Keyword.Range, true
		}
		return "", analysis.Range{}, false
	}
	for _, h := range in.Heredocs {
		if h.End.Contains(offset) && !h.End.Empty() {
			return heredocDoc, h.End, true
		}
	}
	if o, ok := occurrenceAt(f, offset); ok {
		if o.Kind == SymbolVariable {
			return hoverVariable(f, o), o.Range, true
		}
		return hoverStage(f, o), o.Range, true
	}
	for _, fl := range in.Flags {
		if fl.NameRange.Contains(offset) {
			if d, ok := LookupFlag(in.Name, fl.Name); ok {
				return d.Markdown(), fl.NameRange, true
			}
			return "", analysis.Range{}, false
		}
		if fl.HasValue && fl.ValueRange.Contains(offset) {
			return hoverFlagValue(f, in, fl, offset)
		}
	}
	for _, w := range in.Args {
		if !w.Range.Contains(offset) {
			continue
		}
		if strings.HasPrefix(w.Text, "<<") && len(in.Heredocs) > 0 {
			return heredocDoc, w.Range, true
		}
		if in.Name == "from" && in.Stage != nil && w.Range == in.Stage.Base.Range {
			return hoverImage(f, in.Stage), w.Range, true
		}
		if in.Name == "onbuild" && w.Range == in.Args[0].Range {
			if d, ok := LookupInstruction(w.Text); ok {
				return d.Markdown(), w.Range, true
			}
		}
	}
	return "", analysis.Range{}, false
}

// hoverFlagValue explains a --mount option, or the flag itself for any
// other flag's value.
func hoverFlagValue(f *analysis.File, in *analysis.Instruction, fl analysis.Flag, offset int) (string, analysis.Range, bool) {
	if in.Name == "run" && fl.Name == "mount" {
		for _, o := range mountOpts(f, in, fl) {
			if !o.Range.Contains(offset) {
				continue
			}
			if o.Key == "type" && o.ValueRange.Contains(offset) {
				if t, ok := LookupMountType(o.Value); ok {
					return t.Markdown(), o.ValueRange, true
				}
			}
			if opt, ok := LookupMountOption(o.Key); ok {
				return opt.Markdown(), o.Range, true
			}
			return "", analysis.Range{}, false
		}
	}
	if d, ok := LookupFlag(in.Name, fl.Name); ok {
		return d.Markdown(), fl.ValueRange, true
	}
	return "", analysis.Range{}, false
}

func hoverDirective(d analysis.Directive, offset int, rules []*analysis.Rule) (string, analysis.Range, bool) {
	doc, ok := LookupDirective(d.Name)
	if !ok {
		return "", analysis.Range{}, false
	}
	if d.Name == "check" && d.ValueRange.Contains(offset) {
		if md, r, ok := hoverRuleList(d.Value, d.ValueRange.Start, offset, rules); ok {
			return md, r, true
		}
	}
	return doc.Markdown(), d.Range, true
}

// hoverComment explains an ignore pragma, or the rule named under offset.
func hoverComment(f *analysis.File, offset int, rules []*analysis.Rule) (string, analysis.Range, bool) {
	line := int(f.Lines.Pos(offset).Line)
	if _, _, ok := f.PragmaAt(line); !ok {
		return "", analysis.Range{}, false
	}
	text := f.LineText(line)
	start := f.Lines.Pos(f.Lines.Start(line))
	if eq := strings.IndexByte(text, '='); eq >= 0 {
		valueStart := start
		valueStart.Offset += int32(eq + 1)
		valueStart.Col += int32(eq + 1)
		if md, r, ok := hoverRuleList(text[eq+1:], valueStart, offset, rules); ok {
			return md, r, true
		}
	}
	return pragmaDoc, f.Lines.LineRange(line), true
}

// hoverRuleList explains the rule whose ID is under offset in a list like
// "rule-a,rule-b reason" or "skip=A,B;error=true" starting at pos.
func hoverRuleList(list string, pos analysis.Pos, offset int, rules []*analysis.Rule) (string, analysis.Range, bool) {
	i := offset - int(pos.Offset)
	if i < 0 || i > len(list) {
		return "", analysis.Range{}, false
	}
	isID := func(c byte) bool { return isNameChar(c) || c == '-' }
	a, b := i, i
	for a > 0 && isID(list[a-1]) {
		a--
	}
	for b < len(list) && isID(list[b]) {
		b++
	}
	if a == b {
		return "", analysis.Range{}, false
	}
	rule, ok := analysis.FindRule(rules, list[a:b])
	if !ok {
		return "", analysis.Range{}, false
	}
	r := analysis.Range{Start: pos, End: pos}
	r.Start.Offset, r.Start.Col = pos.Offset+int32(a), pos.Col+int32(a)
	r.End.Offset, r.End.Col = pos.Offset+int32(b), pos.Col+int32(b)
	return ruleMarkdown(rule), r, true
}

func ruleMarkdown(r *analysis.Rule) string {
	s := fmt.Sprintf("**%s** (%s, %s): %s", r.ID, r.Source, r.Category, r.Summary)
	if r.Doc != "" {
		s += "\n\n" + r.Doc
	}
	return s
}

// hoverVariable explains the value of a variable in scope at o.
func hoverVariable(f *analysis.File, o Occurrence) string {
	var b strings.Builder
	line := func(in *analysis.Instruction) int { return int(in.Range.Start.Line) + 1 }
	var d *VarDef
	if o.Def {
		v := varDef(o)
		if v.Kind == "ARG" && o.In.Stage != nil && !v.HasValue {
			v.Global = globalArg(f, o.Name)
		}
		d = &v
	} else if v, ok := VariableAt(f, o.In, o.Name); ok {
		d = v
	}
	if d == nil {
		fmt.Fprintf(&b, "**`%s`**", o.Name)
		if doc, ok := predefinedArgs[o.Name]; ok {
			b.WriteString(" — predefined build argument: " + doc + ".")
			if o.In.Name != "from" && !strings.HasPrefix(o.Name, "HTTP") && !strings.Contains(o.Name, "PROXY") {
				b.WriteString("\n\nInside a stage it is only set after a bare `ARG " + o.Name + "`.")
			}
			return b.String()
		}
		if o.In.Name == "from" || o.In.Stage == nil {
			b.WriteString(" is not declared by an ARG before the first FROM: it expands to an empty string here.")
			return b.String()
		}
		b.WriteString(baseEnvNote(f, o.In.Stage, o.Name))
		return b.String()
	}
	value := func(v *VarDef) string {
		if !v.HasValue {
			return "no default"
		}
		return "`" + v.Value + "`"
	}
	fmt.Fprintf(&b, "**%s `%s`** = %s", d.Kind, d.Name, value(d))
	if d.Global != nil && !d.HasValue {
		fmt.Fprintf(&b, " — takes the global ARG's default %s (line %d)", value(d.Global), line(d.Global.Def.In))
	}
	fmt.Fprintf(&b, "\n\nDeclared on line %d: `%s`", line(d.Def.In), strings.TrimSpace(d.Def.In.Logical.Text))
	switch {
	case d.Kind == "ENV":
		b.WriteString("\n\n**Runtime and build time:** ENV is stored in the image: later instructions, the running container " +
			"and stages built FROM this one all see it, and `docker inspect` shows it.")
	case d.Def.In.Stage == nil:
		b.WriteString("\n\n**Build time only, global:** an ARG before the first FROM can be used in FROM lines; " +
			"a stage sees it only after a bare `ARG " + d.Name + "`. Override with `docker build --build-arg " + d.Name + "=...`.")
	default:
		b.WriteString("\n\n**Build time only:** set for the rest of this stage while building, not stored in the image's " +
			"environment. Override with `docker build --build-arg " + d.Name + "=...`; a different value misses the cache of every RUN after it.")
	}
	return b.String()
}

// hoverStage explains the stage named at o.
func hoverStage(f *analysis.File, o Occurrence) string {
	st := f.StageNamed(o.Name, -1)
	if st == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**Stage `%s`** (stage %d of %d, line %d)", st.Name, st.Index+1, len(f.Stages), st.From.Range.Start.Line+1)
	base := f.BaseImage(st)
	if base == "" {
		base = st.Base.Text
	}
	if p := f.Parent(st); p != nil {
		fmt.Fprintf(&b, "\n\nBuilt FROM stage `%s` (line %d).", p.Name, p.From.Range.Start.Line+1)
	} else {
		fmt.Fprintf(&b, "\n\nBuilt FROM image `%s`.", base)
	}
	n := 0
	for _, in := range st.Instructions {
		if in != st.From {
			n++
		}
	}
	fmt.Fprintf(&b, "\n\n%d instructions after FROM.", n)
	if st.Final(f) {
		b.WriteString(" This is the final stage: its layers are the image.")
	} else {
		b.WriteString(" What it leaves behind reaches the final image only through `COPY --from=" + st.Name + "` or a stage built FROM it.")
	}
	return b.String()
}

// hoverImage splits a FROM's image reference into its parts.
func hoverImage(f *analysis.File, st *analysis.Stage) string {
	written := st.Base.Text
	if strings.EqualFold(written, "scratch") {
		return "**`scratch`** — the empty image: the stage starts with no files at all. Ideal for a static binary; " +
			"remember CA certificates and `/etc/passwd` if the program needs them."
	}
	resolved := f.BaseImage(st)
	var b strings.Builder
	fmt.Fprintf(&b, "**Image** `%s`", written)
	if resolved != written {
		if resolved == "" {
			b.WriteString("\n\nCannot be resolved offline: a variable has no default.")
			return b.String()
		}
		fmt.Fprintf(&b, " → `%s` (with the ARG defaults)", resolved)
	}
	ref := analysis.ParseImageRef(resolved)
	registry := ref.Registry
	if registry == "" || registry == "docker.io" || registry == "index.docker.io" {
		registry = "docker.io (Docker Hub)"
	}
	repo := ref.Repository
	if off := ref.Official(); off != "" {
		repo = "library/" + off + " (official image)"
	}
	fmt.Fprintf(&b, "\n\n- registry: `%s`\n- repository: `%s`", registry, repo)
	switch {
	case ref.Tag != "":
		fmt.Fprintf(&b, "\n- tag: `%s`", ref.Tag)
	case ref.Digest == "":
		b.WriteString("\n- tag: `latest` (implicit: it moves with every release)")
	}
	if ref.Digest != "" {
		fmt.Fprintf(&b, "\n- digest: `%s` (pinned: always the same image)", ref.Digest)
	} else {
		b.WriteString("\n- digest: none — the tag can move; pin `@sha256:...` for reproducible builds")
	}
	if url := ImageURL(ref); url != "" {
		fmt.Fprintf(&b, "\n\n[%s](%s)", url, url)
	}
	return b.String()
}

// baseEnvNote says what a variable no ARG or ENV of the file declares is,
// as the UndefinedVar check judges it: set by the base image, unset there,
// or unknown because layerwise does not know the base image's environment.
func baseEnvNote(f *analysis.File, st *analysis.Stage, name string) string {
	env, known := f.BaseEnv(st)
	for _, kv := range env {
		if kv[0] == name {
			return " is not declared in this Dockerfile: the base image sets it in its environment."
		}
	}
	switch {
	case name == "PATH":
		return " is not declared in this Dockerfile: every stage starts with the base image's PATH."
	case known:
		return " is not declared by an ARG or ENV before this point, nor by the base image: the Dockerfile expands it to an empty string; " +
			"in RUN the shell may still find it in the environment it runs in."
	}
	return " is not declared by an ARG or ENV before this point. The base image may set it: layerwise does not know that image's environment, " +
		"so it does not report the variable as undefined."
}
