package rules

import (
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/layerwise/layerwise/analysis"
)

var consecutiveRun = &analysis.Rule{
	ID:         "consecutive-run",
	Source:     analysis.SourceLayerwise,
	Category:   analysis.CategoryLayers,
	LayerBound: true,
	Severity:   analysis.SeverityHint,
	Summary:    "Consecutive RUN instructions each add a layer; merge them",
	Aliases:    []string{"DL3059"},
	Doc: `Every RUN commits a layer. Files created by one RUN and deleted by the
next stay in the first layer for good, and each layer adds metadata and a
cache entry. Merging consecutive RUNs into one keeps temporary files out of the
image. Measured: replacing a chain of cleanup RUNs with one RUN took an image
from 2.19 GB to 1.05 GB.

It is a trade-off: separate RUNs cache separately, so a slow, stable step
(installing a toolchain) may deserve its own layer. That is why this is a
hint, not a warning, and why a RUN that chains more than two commands is
left alone: it is a self-contained step its author chose to keep apart (the
style of the official images, where each RUN installs, uses and cleans up
after itself), and it ends the run of RUNs before and after it. hadolint's
DL3059 already leaves a RUN of two chained commands alone; layerwise does
not, on purpose: a lone ` + "`apt-get update`" + ` followed by
` + "`RUN apt-get install ... && rm -rf /var/lib/apt/lists/*`" + ` is the case this
rule exists for.

It speaks only where merging clearly pays: when two RUNs of the run work
with the same package manager (install or refresh with it, or clean up
after it: ` + "`apt-get update`, `apt-get install`, `apk add`, `dnf clean all`, `rm -rf /var/lib/apt/lists/*`" + `),
so that one index would be fetched instead of several and the cleanup would
empty the layer that filled the cache. A run of small, unrelated steps (a
user, a symlink, a config line) saves only near-empty layers and is left
alone. Only stages whose layers end up in the image are checked: a
builder stage's layers are thrown away.

Bad:

    RUN apt-get update
    RUN apt-get install -y --no-install-recommends curl
    RUN rm -rf /var/lib/apt/lists/*

Good:

    RUN apt-get update \
     && apt-get install -y --no-install-recommends curl \
     && rm -rf /var/lib/apt/lists/*

Comments and blank lines between RUNs do not break a run; exec-form RUNs,
heredoc RUNs and RUNs with different flags (--mount, --network) are never
merged. Silence with ` + "`# layerwise ignore=consecutive-run`" + ` (or hadolint's DL3059).`,
	Scope: analysis.ScopeStageInPlace,
	Run:   checkConsecutiveRun,
}

// MergeRuns is the Data of consecutive-run: the first and last RUN of the
// run, so that the fix merges the whole run in one action.
type MergeRuns struct{ First, Last analysis.Ref }

// checkConsecutiveRun reports each run of mergeable RUNs once, on the second
// RUN (the first one that could go), pointing at the others.
func checkConsecutiveRun(p *analysis.Pass) {
	st := p.Stage
	if !p.Ships(st) {
		return
	}
	var run []*analysis.Instruction
	flush := func() {
		if len(run) > 1 && repeatsPackageWork(p.File, run) {
			first, last := run[0], run[len(run)-1]
			msg := strconv.Itoa(len(run)) + " RUN instructions in a row, each a layer: merge them into one"
			if len(run) > 2 {
				msg += " (lines " + strconv.Itoa(int(first.Range.Start.Line)+1) + "-" + strconv.Itoa(int(last.Range.Start.Line)+1) + ")"
			}
			fd := analysis.Finding{Range: run[1].Keyword.Range, Message: msg, Data: MergeRuns{First: p.Ref(first), Last: p.Ref(last)}}
			fd.Related = []analysis.Related{{Range: first.Keyword.Range, Message: "the run of RUN instructions starts here"}}
			for _, in := range run[2:] {
				fd.Related = append(fd.Related, analysis.Related{Range: in.Keyword.Range, Message: "and continues here"})
			}
			p.Report(fd)
		}
		run = nil
	}
	for _, in := range st.Instructions {
		if !mergeableRun(in) || len(in.Shell(p.File).Commands) > maxMergedCommands {
			flush()
			continue
		}
		if len(run) > 0 && flagText(run[0]) != flagText(in) {
			flush()
		}
		run = append(run, in)
	}
	flush()
}

// maxMergedCommands is the most commands a RUN may chain and still be
// worth merging with its neighbours: more is a deliberate, self-contained
// step (hadolint's DL3059 draws the line at two as well).
const maxMergedCommands = 2

// mergeableRun is a shell-form RUN without heredocs.
func mergeableRun(in *analysis.Instruction) bool {
	run, ok := in.Command().(*instructions.RunCommand)
	return ok && run.PrependShell && len(in.Heredocs) == 0
}

func flagText(in *analysis.Instruction) string {
	parts := make([]string, len(in.Flags))
	for i, f := range in.Flags {
		parts[i] = f.Name + "=" + f.Value
	}
	return strings.Join(parts, " ")
}

// repeatsPackageWork reports whether two RUNs of the run work with the
// same package manager (install, refresh, or clean up after it): then
// merging clearly pays (one index fetched instead of several, a cleanup
// that empties the layer that filled the cache, fewer layers of the same
// kind). A run of small, unrelated steps (a symlink, a user, a config line)
// saves only near-empty layers, and is not worth a word.
func repeatsPackageWork(f *analysis.File, run []*analysis.Instruction) bool {
	seen := map[string]bool{}
	for _, in := range run {
		managers := map[string]bool{}
		rp := analysis.NewRunPaths(f, in)
		for _, c := range in.Shell(f).Commands {
			m := packageWork(c)
			if m == "" {
				m = packageCleanup(f, in, rp, c)
			}
			if m != "" {
				managers[m] = true
			}
		}
		for m := range managers {
			if seen[m] {
				return true
			}
			seen[m] = true
		}
	}
	return false
}

// packageWork names the package manager whose packages or index c
// installs, upgrades or refreshes, or "".
func packageWork(c *analysis.Command) string {
	if c.IsQuery() {
		return ""
	}
	sub := c.SubcommandText()
	switch {
	case analysis.AptInstalls(c) || analysis.AptUpdates(c):
		return "apt"
	case c.Is("apk"):
		if sub == "add" || sub == "update" || sub == "upgrade" {
			return "apk"
		}
	case c.Is(analysis.RPMTools...):
		if rpmFamilies[0].installs(c) {
			return "rpm"
		}
	case c.Is("zypper"):
		if rpmFamilies[1].installs(c) || sub == "refresh" || sub == "ref" {
			return "zypper"
		}
	case c.Is("pacman"):
		if analysis.PacmanInstalls(c) {
			return "pacman"
		}
	case c.Is("npm", "yarn"):
		for _, fam := range jsFamilies {
			if c.Is(fam.tools...) && fam.installs(c) {
				return fam.tools[0]
			}
		}
	case c.Is("gem"):
		if sub == "install" {
			return "gem"
		}
	}
	if _, at := analysis.PipInstallWord(c); at >= 0 {
		return "pip"
	}
	return ""
}

// packageCleanup names the package manager whose cache or packages c
// removes (`apt-get clean`, `apk del`, `rm -rf /var/lib/apt/lists/*`), or "".
func packageCleanup(f *analysis.File, in *analysis.Instruction, rp analysis.RunPaths, c *analysis.Command) string {
	cc, ok := cleanupCommand(f, in, rp, c)
	if !ok {
		return ""
	}
	if cc.manager != "" {
		return cc.manager
	}
	for _, p := range cc.paths {
		if owner := cacheOwner(p); owner != "" {
			return strings.TrimSuffix(owner, "-update") // apt's lists: apt's work
		}
	}
	return ""
}
