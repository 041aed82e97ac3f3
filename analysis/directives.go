package analysis

import (
	"fmt"
	"regexp"
	"strings"
)

// directiveLine matches `# name=value` as BuildKit's directive parser does.
var directiveLine = regexp.MustCompile(`^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$`)

// knownDirectives are the parser directives BuildKit understands.
var knownDirectives = map[string]bool{"syntax": true, "escape": true, "check": true}

// parseDirectives reads the parser directives at the top of the file. They
// end at the first line that is not a directive.
func (f *File) parseDirectives() {
	seen := map[string]bool{}
	for line := 0; line < f.Lines.Count(); line++ {
		f.directiveEnd = line
		start := f.Lines.Start(line)
		content := strings.TrimRight(f.Text[start:f.Lines.End(line)], "\r")
		if line == 0 {
			// BuildKit strips a UTF-8 byte-order mark from the first line.
			if trimmed := strings.TrimPrefix(content, "\uFEFF"); trimmed != content {
				start += len(content) - len(trimmed)
				content = trimmed
			}
		}
		trimmed := strings.TrimLeft(content, " \t\v\f")
		start += len(content) - len(trimmed)
		content = trimmed
		m := directiveLine.FindStringSubmatchIndex(content)
		if m == nil {
			return
		}
		name := strings.ToLower(content[m[2]:m[3]])
		if !knownDirectives[name] {
			return
		}
		d := Directive{
			Name:       name,
			Value:      content[m[4]:m[5]],
			Range:      f.Lines.Range(start, start+len(content)),
			NameRange:  f.Lines.Range(start+m[2], start+m[3]),
			ValueRange: f.Lines.Range(start+m[4], start+m[5]),
		}
		// BuildKit rejects these lines and stops reading directives there.
		switch {
		case seen[name]:
			f.addError(f.trimmedLines(line, line), fmt.Errorf("only one %s parser directive can be used", name))
			f.directiveEnd = line + 1
			return
		case name == "escape" && d.Value != "`" && d.Value != "\\":
			f.addError(f.trimmedLines(line, line), fmt.Errorf("invalid escape token '%s' does not match ` or \\", d.Value))
			f.directiveEnd = line + 1
			return
		}
		seen[name] = true
		if name == "escape" && d.Value == "`" {
			f.Escape = '`'
		}
		f.Directives = append(f.Directives, d)
	}
	f.directiveEnd = f.Lines.Count()
}

// Directive returns the parser directive with the given name.
func (f *File) Directive(name string) (Directive, bool) {
	for _, d := range f.Directives {
		if d.Name == name {
			return d, true
		}
	}
	return Directive{}, false
}
