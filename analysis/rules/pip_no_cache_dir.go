package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/layerwise/layerwise/analysis"
)

var pipNoCacheDir = &analysis.Rule{
	ID:         "pip-no-cache-dir",
	Source:     analysis.SourceLayerwise,
	Category:   analysis.CategorySize,
	LayerBound: true,
	Severity:   analysis.SeverityWarning,
	Summary:    "pip install without --no-cache-dir keeps every downloaded wheel in the layer",
	Aliases:    []string{"DL3042"},
	Doc: "pip keeps a copy of every package it downloads, and of every wheel it builds, in " +
		"`~/.cache/pip`, so that the next install on the same machine is faster. In an image " +
		"build there is no next install on the same layer: the cache is committed with the " +
		"layer and shipped, often as large as the installed packages themselves.\n\n" +
		"The *image slimming article*'s \"very bad Dockerfile\" (9 build steps, 203 MB) ends " +
		"with `RUN pip install -r requirement`; its slimmer versions add `--no-cache-dir`.\n\n" +
		"Bad:\n\n" +
		"    RUN pip install -r requirements.txt\n\n" +
		"Good:\n\n" +
		"    RUN pip install --no-cache-dir -r requirements.txt\n\n" +
		"Matched for `pip`, `pip3`, `pip3.12`, `python -m pip` and `python3 -m pip`. Not " +
		"reported when `PIP_NO_CACHE_DIR` is set (ENV in the stage, or on the command), when " +
		"the same RUN later removes `~/.cache/pip` (or runs `pip cache purge`), or when a " +
		"`--mount=type=cache` (or `type=tmpfs`) holds the cache, as in " +
		"`RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt`, " +
		"which keeps the cache between builds and out of the image. Only stages that end up " +
		"in the image are checked. The quick fix inserts `--no-cache-dir` after `install`. " +
		"A command that only asks its version or help (`yarn --version`, `pip --version`) or only simulates (`apt-get install -s`, `apk add --simulate`) installs nothing and is not reported. " +
		"pip turns its cache off for any value of `PIP_NO_CACHE_DIR`, `0` and `false` included, so " +
		"any value counts (hadolint's DL3042 reports the false ones). A stage built on an image " +
		"given only at build time (`FROM ${IMAGE}` with no default) is not checked: that image may " +
		"set it. " +
		"`ONBUILD RUN` is checked like RUN: its layer lands in every image built FROM this one. Silence with `# layerwise ignore=pip-no-cache-dir` (or hadolint's DL3042).",
	Scope: analysis.ScopeStage,
	Run:   checkPipNoCacheDir,
}

// pipCacheDirs are where pip keeps its cache, for root and for any user.
var pipCacheDirs = []string{"/root/.cache/pip", "~/.cache/pip"}

func checkPipNoCacheDir(p *analysis.Pass) {
	st := p.Stage
	f := p.File
	if !p.Ships(st) || st.From == nil {
		return
	}
	// PIP_NO_CACHE_DIR from an ENV of the stages it is built FROM, then
	// of its own ENVs, in order.
	_, envSet := f.EnvAt(st.From, "PIP_NO_CACHE_DIR")
	env, known := f.BaseEnv(st)
	if !known && f.RootImage(st) == "" {
		return // `FROM ${IMAGE}`, given at build time: it may turn the cache off
	}
	for _, kv := range env {
		envSet = envSet || kv[0] == "PIP_NO_CACHE_DIR"
	}
	var triggers []*analysis.Instruction
	for _, in := range st.Instructions {
		if env, ok := in.Command().(*instructions.EnvCommand); ok {
			for _, kv := range env.Env {
				envSet = envSet || kv.Key == "PIP_NO_CACHE_DIR"
			}
		}
		switch {
		case !in.Runs() || analysis.CacheMounted(in, "/root/.cache/pip", "*/.cache/pip", "*/.cache"):
		case in.OnBuild != nil:
			triggers = append(triggers, in) // runs with every ENV of the stage
		case !envSet:
			checkPipRun(p, in)
		}
	}
	for _, in := range triggers {
		if !envSet {
			checkPipRun(p, in)
		}
	}
}

func checkPipRun(p *analysis.Pass, in *analysis.Instruction) {
	f := p.File
	cmds := in.Shell(f).Commands
	for i, c := range cmds {
		if _, at := analysis.PipInstallWord(c); at < 0 || c.HasFlag("", "no-cache-dir") || c.IsQuery() {
			continue
		}
		if envSets(c, cmds[:i], "PIP_NO_CACHE_DIR") || analysis.RemovesAfter(f, in, c, pipCacheDirs...) || pipCachePurgedAfter(cmds[i+1:]) {
			continue
		}
		name := c.Base() + " install"
		if analysis.IsPython(c) {
			name = c.Base() + " -m pip install"
		}
		p.Report(analysis.Finding{Range: analysis.PipSpan(c), Message: "`" + name + "` without --no-cache-dir: the downloaded packages stay in ~/.cache/pip in this layer"})
	}
}

// envSets reports whether a variable is set for c: on the command itself
// (`PIP_NO_CACHE_DIR=1 pip install`) or by an `export` before it.
func envSets(c *analysis.Command, before []*analysis.Command, name string) bool {
	for _, e := range c.Env {
		if strings.HasPrefix(e.Text, name+"=") {
			return true
		}
	}
	for _, b := range before {
		if !b.Is("export") {
			continue
		}
		for _, a := range b.Args {
			if strings.HasPrefix(a.Text, name+"=") {
				return true
			}
		}
	}
	return false
}

// pipCachePurgedAfter reports whether one of cmds is `pip cache purge` (or
// `pip cache remove`).
func pipCachePurgedAfter(cmds []*analysis.Command) bool {
	for _, c := range cmds {
		isPipCmd := analysis.IsPip(c)
		if analysis.IsPython(c) {
			m, _ := c.FlagValue("m", "")
			isPipCmd = strings.TrimRight(m, "0123456789.") == "pip"
		}
		if !isPipCmd {
			continue
		}
		if sub, i := c.Subcommand(); sub.Text == "cache" && i+1 < len(c.Args) && (c.Args[i+1].Text == "purge" || c.Args[i+1].Text == "remove") {
			return true
		}
	}
	return false
}
