package main

import (
	"fmt"
	"github.com/layerwise/layerwise/analysis"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/layerwise/layerwise/analysis/rules"
	"github.com/layerwise/layerwise/fixes"
)

// runRules lists every rule: ID, source, category, severity, whether it has
// a fix, and its summary; with --markdown, as the table in the README.
func runRules(args []string, stdout, stderr io.Writer) int {
	markdown := false
	for _, a := range args {
		switch a {
		case "--markdown", "-markdown":
			markdown = true
		default:
			fmt.Fprintf(stderr, "layerwise rules: unexpected argument %q\nUsage: layerwise rules [--markdown]\n", a)
			return 2
		}
	}
	fixable := map[string]bool{}
	for _, id := range fixes.Fixable() {
		fixable[id] = true
	}
	fix := func(id string) string {
		if fixable[id] {
			return "yes"
		}
		return "—"
	}
	if markdown {
		fmt.Fprintln(stdout, "| Rule | Source | Category | Severity | Fix | What it reports |")
		fmt.Fprintln(stdout, "|---|---|---|---|---|---|")
		for _, r := range rules.All() {
			id := "`" + r.ID + "`"
			if len(r.Aliases) > 0 {
				id += " (" + strings.Join(r.Aliases, ", ") + ")"
			}
			fmt.Fprintf(stdout, "| %s | %s | %s | %s | %s | %s |\n", id, r.Source, r.Category, severity(r), fix(r.ID), strings.ReplaceAll(r.Summary, "|", "\\|"))
		}
		return 0
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tSOURCE\tCATEGORY\tSEVERITY\tFIX\tSUMMARY")
	for _, r := range rules.All() {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Source, r.Category, severity(r), fix(r.ID), r.Summary)
	}
	w.Flush()
	return 0
}

// severity is the rule's default severity, or "off" with the severity it
// has once turned on.
func severity(r *analysis.Rule) string {
	if r.DefaultOff {
		return "off (" + r.Severity.String() + ")"
	}
	return r.Severity.String()
}
