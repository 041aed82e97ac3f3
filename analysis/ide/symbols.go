package ide

import (
	"strconv"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

// Symbol is an entry of the document outline.
type Symbol struct {
	Name      string
	Detail    string
	Kind      SymbolKind     // SymbolStage for stages; SymbolVariable for ARG/ENV
	Keyword   string         // for instructions: the lower-case instruction name
	Range     analysis.Range // everything the symbol covers
	Selection analysis.Range // the part to reveal (a name or keyword)
	Children  []Symbol
}

// DocumentSymbols is the outline: the global ARGs, then every stage with its
// instructions.
func DocumentSymbols(f *analysis.File) []Symbol {
	out := make([]Symbol, 0, len(f.MetaArgs)+len(f.Stages))
	for _, in := range f.MetaArgs {
		out = append(out, instructionSymbol(in))
	}
	for _, st := range f.Stages {
		last := st.Instructions[len(st.Instructions)-1]
		s := Symbol{
			Name:      stageLabel(st),
			Detail:    "FROM " + st.Base.Text,
			Kind:      SymbolStage,
			Range:     analysis.Range{Start: st.From.Range.Start, End: last.Range.End},
			Selection: st.From.Keyword.Range,
			Children:  make([]Symbol, 0, len(st.Instructions)),
		}
		if st.NameWord != nil {
			s.Selection = st.NameWord.Range
		}
		for _, in := range st.Instructions {
			if in != st.From { // Parse may list the FROM more than once
				s.Children = append(s.Children, instructionSymbol(in))
			}
		}
		out = append(out, s)
	}
	return out
}

func stageLabel(st *analysis.Stage) string {
	if st.Name != "" {
		return st.Name
	}
	return "stage " + strconv.Itoa(st.Index)
}

func instructionSymbol(in *analysis.Instruction) Symbol {
	s := Symbol{
		Name:      strings.ToUpper(in.Name),
		Keyword:   in.Name,
		Range:     in.Range,
		Selection: in.Keyword.Range,
	}
	if in.Name == "arg" || in.Name == "env" {
		s.Kind = SymbolVariable
	}
	args := in.Logical.Text
	if len(in.Keyword.Text) <= len(args) {
		args = strings.TrimSpace(args[len(in.Keyword.Text):])
	}
	const max = 60
	if len(args) > max {
		cut := max
		for cut > 0 && args[cut]&0xC0 == 0x80 {
			cut-- // do not split a UTF-8 sequence
		}
		args = args[:cut] + "…"
	}
	s.Detail = args
	return s
}

// FoldKind says what a folding range holds.
type FoldKind string

// Folding range kinds, as in LSP.
const (
	FoldRegion  FoldKind = "region"
	FoldComment FoldKind = "comment"
)

// Fold is a foldable span of whole lines (0-based, inclusive).
type Fold struct {
	StartLine, EndLine int
	Kind               FoldKind
}

// FoldingRanges lists the foldable spans: stages, instructions that run over
// several lines, heredoc bodies, and blocks of two or more comment lines.
func FoldingRanges(f *analysis.File) []Fold {
	var out []Fold
	add := func(a, b int, k FoldKind) {
		if b > a {
			out = append(out, Fold{StartLine: a, EndLine: b, Kind: k})
		}
	}
	for _, st := range f.Stages {
		last := st.Instructions[len(st.Instructions)-1]
		add(int(st.From.Range.Start.Line), lastLine(last.Range), FoldRegion)
	}
	for _, in := range f.Instructions {
		add(int(in.Range.Start.Line), in.Logical.EndLine, FoldRegion)
		for _, h := range in.Heredocs {
			add(int(h.Body.Start.Line)-1, int(h.End.Start.Line), FoldRegion)
		}
	}
	start := -1
	for line := 0; line <= f.Lines.Count(); line++ {
		comment := line < f.Lines.Count() && isCommentLine(f, line)
		if comment && start < 0 {
			start = line
		}
		if !comment && start >= 0 {
			add(start, line-1, FoldComment)
			start = -1
		}
	}
	return out
}

// isCommentLine reports whether line starts with '#' (after blanks).
func isCommentLine(f *analysis.File, line int) bool {
	for i := f.Lines.Start(line); i < f.Lines.End(line); i++ {
		switch f.Text[i] {
		case ' ', '\t':
			continue
		case '#':
			return true
		}
		return false
	}
	return false
}

// lastLine is the last line a range has content on.
func lastLine(r analysis.Range) int {
	if r.End.Col == 0 && r.End.Line > r.Start.Line {
		return int(r.End.Line) - 1
	}
	return int(r.End.Line)
}

// Link is a clickable span with its target.
type Link struct {
	Range  analysis.Range
	Target string
}

// DocumentLinks links each FROM image to its page on its registry.
func DocumentLinks(f *analysis.File) []Link {
	var out []Link
	for _, st := range f.Stages {
		if st.Base.Text == "" || f.Parent(st) != nil || strings.EqualFold(st.Base.Text, "scratch") {
			continue
		}
		if url := ImageURL(analysis.ParseImageRef(f.BaseImage(st))); url != "" {
			out = append(out, Link{Range: st.Base.Range, Target: url})
		}
	}
	return out
}

// ImageURL is the web page of an image on its registry, for Docker Hub,
// GitHub, Quay, Microsoft and Google registries; "" for others.
func ImageURL(ref analysis.ImageRef) string {
	repo := ref.Repository
	if repo == "" || strings.ContainsAny(repo, "$ ") {
		return ""
	}
	switch ref.Registry {
	case "", "docker.io", "index.docker.io", "registry-1.docker.io":
		if off := ref.Official(); off != "" {
			return "https://hub.docker.com/_/" + off
		}
		return "https://hub.docker.com/r/" + repo
	case "ghcr.io":
		// ghcr.io answers a browser with the package's page on GitHub.
		return "https://ghcr.io/" + repo
	case "quay.io":
		return "https://quay.io/repository/" + repo
	case "mcr.microsoft.com":
		return "https://mcr.microsoft.com/artifact/mar/" + repo
	case "gcr.io", "us.gcr.io", "eu.gcr.io", "asia.gcr.io":
		project, name, ok := strings.Cut(repo, "/")
		if !ok {
			return ""
		}
		return "https://console.cloud.google.com/gcr/images/" + project + "/global/" + name
	}
	return ""
}
