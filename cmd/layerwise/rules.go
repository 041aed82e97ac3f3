package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/layerwise/layerwise/analysis"
)

// runRules lists every rule: ID, source, category, severity and summary.
func runRules(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "layerwise rules: unexpected argument %q\n", args[0])
		return 2
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tSOURCE\tCATEGORY\tSEVERITY\tSUMMARY")
	for _, r := range analysis.Rules() {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Source, r.Category, r.Severity, r.Summary)
	}
	w.Flush()
	return 0
}
