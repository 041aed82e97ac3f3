package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/layerwise/layerwise/internal/benchgen"

	"github.com/layerwise/layerwise/analysis"
)

// BenchmarkPackageManagerRules runs only the package-manager rules over the
// generated files, and over a worst case: one stage of 4,000 RUNs that
// each update and install, with pip installs and ENVs in between.
func BenchmarkPackageManagerRules(b *testing.B) {
	ids := []string{"apt-get-missing-yes", "apt-no-install-recommends", "apt-lists-not-cleaned", "apt-update-alone",
		"use-apt-get", "apk-no-cache", "pip-no-cache-dir", "rpm-cache-not-cleaned", "js-cache-not-cleaned"}
	var worst strings.Builder
	worst.WriteString("FROM debian:bookworm-slim\n")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&worst, "RUN apt-get update\nRUN apt-get update && apt-get install -y curl%d\nENV V%d=1\nRUN pip install x%d\n", i, i, i)
	}
	inputs := map[string]string{"lines=8000": benchgen.Dockerfile(8000), "worst": worst.String()}
	var pkgRules []*analysis.Rule
	for _, id := range ids {
		r, _ := analysis.FindRule(all, id)
		pkgRules = append(pkgRules, r)
	}
	for name, src := range inputs {
		f := analysis.Parse(src)
		for _, in := range f.Instructions {
			in.Shell(f) // parsed once per version, as in the server
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				// Parsed without a cache: every rule runs on every stage.
				analysis.AnalyzeWith(f, pkgRules, analysis.Options{})
			}
		})
	}
}

// BenchmarkOneStageCheck is `layerwise check` on a one-stage file of 0.5,
// 1 and 2 MB without the process around it: parse and every rule, cold.
// The rules that look back over earlier layers (copy-then-chmod,
// file-removed-in-later-layer, copy-all-before-deps) read an index of the
// stage, so time grows with the size, not its square.
func BenchmarkOneStageCheck(b *testing.B) {
	for _, size := range []int{500_000, 1_000_000, 2_000_000} {
		src := singleStageOfSize(size)
		b.Run(fmt.Sprintf("bytes=%d", size), func(b *testing.B) {
			for b.Loop() {
				analysis.AnalyzeWith(analysis.Parse(src), all, analysis.Options{})
			}
		})
	}
}

// singleStageOfSize is benchgen.SingleStage of about size bytes.
func singleStageOfSize(size int) string {
	lines := 100
	for len(benchgen.SingleStage(lines)) < size {
		lines *= 2
	}
	return benchgen.SingleStage(lines * size / len(benchgen.SingleStage(lines)))
}
