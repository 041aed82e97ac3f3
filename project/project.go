// Package project answers, from disk, what analysing a Dockerfile needs to
// know about its surroundings: the nearest .layerwise.yaml and the files of
// the build context. It is shared by the server and `layerwise check`, so
// both report the same findings; package analysis itself does no I/O.
package project

import (
	"os"
	"path/filepath"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// ConfigFileName is the per-project configuration file, looked up from the
// Dockerfile's folder upward.
const ConfigFileName = ".layerwise.yaml"

// Options returns the analysis options for the Dockerfile at path: the
// nearest config file and the build context (the Dockerfile's folder). A
// config file that does not parse is passed on as Options.ConfigError, which
// the analysis reports on the Dockerfile.
func Options(path string) analysis.Options {
	dir := filepath.Dir(path)
	opts := analysis.Options{Workspace: Context(dir), Filename: filepath.Base(path)}
	cfgPath, data, ok := findConfig(dir)
	if !ok {
		return opts
	}
	cfg, err := analysis.ParseConfig(data, cfgPath, rules.All())
	if err != nil {
		opts.ConfigError = err
		return opts
	}
	opts.Config = cfg
	return opts
}

// findConfig walks up from dir to the file system root.
func findConfig(dir string) (path string, data []byte, ok bool) {
	for {
		p := filepath.Join(dir, ConfigFileName)
		if b, err := os.ReadFile(p); err == nil {
			return p, b, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil, false
		}
		dir = parent
	}
}

// Context is a build context on disk.
type Context string

// Exists implements analysis.Workspace.
func (c Context) Exists(rel string) bool {
	_, err := os.Stat(filepath.Join(string(c), filepath.FromSlash(rel)))
	return err == nil
}

// Merge lays override's rule settings and lists over base's.
func Merge(base, override *analysis.Config) *analysis.Config {
	switch {
	case override == nil:
		return base
	case base == nil:
		return override
	}
	out := *base
	out.Rules = map[string]analysis.RuleConfig{}
	for id, r := range base.Rules {
		out.Rules[id] = r
	}
	for id, r := range override.Rules {
		out.Rules[id] = r
	}
	out.TrustedBaseImages = append(append([]string(nil), base.TrustedBaseImages...), override.TrustedBaseImages...)
	out.Targets = append(append([]string(nil), base.Targets...), override.Targets...)
	return &out
}
