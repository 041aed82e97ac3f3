package rules

import (
	"encoding/json"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var jsonArgsBroken = &analysis.Rule{
	ID:       "json-args-broken",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityWarning,
	Summary:  "Arguments look like a JSON array but are not valid JSON, so they run as a shell string",
	Doc: "CMD, ENTRYPOINT, RUN and HEALTHCHECK accept an exec form — a JSON array of " +
		"strings. When the array is not valid JSON, Docker does not complain: it silently " +
		"runs the whole text through `/bin/sh -c`, brackets and all. The container then " +
		"fails at start with `/bin/sh: [python: not found`, or runs under a shell that " +
		"does not forward signals.\n\n" +
		"Common causes: single quotes (`['python', 'app.py']`), a trailing comment or " +
		"`|| exit 1` after `]`, a missing comma, a multi-line array without `\\`.\n\n" +
		"Bad:\n\n    CMD ['python', 'app.py']\n\nGood:\n\n    CMD [\"python\", \"app.py\"]\n\n" +
		"Silence with `# layerwise ignore=json-args-broken`.",
	Scope: analysis.ScopeStage,
	Run:   checkJSONArgsBroken,
}

func checkJSONArgsBroken(p *analysis.Pass) {
	st := p.Stage
	for _, in := range st.Instructions {
		args := in.Args
		switch in.Name {
		case "cmd", "entrypoint", "run":
		case "healthcheck":
			if len(args) == 0 || !strings.EqualFold(args[0].Text, "cmd") {
				continue
			}
			args = args[1:]
		default:
			continue
		}
		if len(args) == 0 || !strings.HasPrefix(args[0].Text, "[") || len(in.Heredocs) > 0 {
			continue
		}
		start := int(args[0].Range.Start.Offset)
		end := int(args[len(args)-1].Range.End.Offset)
		text := in.Logical.Text[textIndex(in, start):]
		if !looksLikeJSONArray(text) {
			continue // a shell test: `RUN [ "$X" = y ] && ...`
		}
		var arr []any
		if json.Unmarshal([]byte(text), &arr) == nil {
			continue // valid (a non-string element is BuildKit's own error)
		}
		problem := jsonProblem(text)
		p.Report(analysis.Finding{Range: p.File.Lines.Range(start, end), Message: strings.ToUpper(in.Name) + " looks like exec form but is not valid JSON (" + problem.String() + "): it runs as a shell string",
			Data: problem})
	}
}

// textIndex maps a source offset back to an index of the instruction's
// logical text.
func textIndex(in *analysis.Instruction, offset int) int {
	i, _ := in.Logical.Index(offset)
	return i
}

// JSONProblem is the Data of json-args-broken: the usual reason an array
// is not JSON, which decides the fix.
type JSONProblem int

// The reasons json-args-broken tells apart.
const (
	InvalidJSON      JSONProblem = iota
	TextAfterClose               // a valid array, then more text: a comment, `|| exit 1`
	SingleQuotes                 // 'a' instead of "a"
	NoClosingBracket             // no ] at the end
)

// String is the reason as the finding's message gives it.
func (j JSONProblem) String() string {
	switch j {
	case TextAfterClose:
		return "text after the closing ]"
	case SingleQuotes:
		return "single quotes; JSON needs double quotes"
	case NoClosingBracket:
		return "no closing ]"
	}
	return "invalid JSON"
}

// jsonProblem names the usual reason an array is not JSON.
func jsonProblem(text string) JSONProblem {
	text = strings.TrimSpace(text)
	if i := strings.LastIndex(text, "]"); i >= 0 && strings.TrimSpace(text[i+1:]) != "" {
		var arr []any
		if json.Unmarshal([]byte(text[:i+1]), &arr) == nil {
			return TextAfterClose
		}
	}
	switch {
	case strings.Contains(text, "'"):
		return SingleQuotes
	case !strings.HasSuffix(text, "]"):
		return NoClosingBracket
	}
	return InvalidJSON
}

// looksLikeJSONArray reports whether text, which starts with `[`, reads as
// a JSON array someone meant to write, broken or not, rather than a shell
// command starting with the test command `[`: a quoted string right after
// the bracket (`["a"`, `['a'`), a first string followed by a comma even
// after blanks (`[ "a", "b" ]`), an empty array, or a bracket alone on its
// line (the elements on the lines below, without continuations).
func looksLikeJSONArray(text string) bool {
	rest := text[1:]
	if rest == "" || rest[0] == '"' || rest[0] == '\'' || rest[0] == ']' {
		return true
	}
	rest = strings.TrimLeft(rest, " \t")
	if rest == "" {
		return true
	}
	quote := rest[0]
	if quote != '"' && quote != '\'' {
		return false // `[ -f x ]`, `[ $X = y ]`
	}
	for i := 1; i < len(rest); i++ {
		switch rest[i] {
		case '\\':
			i++
		case quote:
			after := strings.TrimLeft(rest[i+1:], " \t")
			return strings.HasPrefix(after, ",")
		}
	}
	return false
}
