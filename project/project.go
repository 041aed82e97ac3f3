// Package project answers, from disk, what analysing a Dockerfile needs to
// know about its surroundings: the nearest .layerwise.yaml and the files of
// the build context. It is shared by the server and `layerwise check`, so
// both report the same findings; package analysis itself does no I/O.
package project

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
)

// ConfigFileName is the per-project configuration file, looked up from the
// Dockerfile's folder upward.
const ConfigFileName = ".layerwise.yaml"

// MaxConfigSize is the largest configuration file read; a larger one is
// reported as an error, not read.
const MaxConfigSize = 1 << 20

// Options returns the analysis options for the Dockerfile at path, whose
// model is f, reading the configuration afresh: what `layerwise check` does
// once per file. override (nil: none) is laid over the configuration file,
// as editor settings are. An editor analyses on every keystroke and keeps a
// Loader instead.
func Options(path string, f *analysis.File, override *analysis.Config) analysis.Options {
	return NewLoader().Options(path, f, override)
}

// Loader finds the configuration of Dockerfiles and keeps every file it
// read, parsed, until the file changes on disk: each analysis costs a stat
// per folder from the Dockerfile's up to the root, and a configuration is
// read and parsed again only when its size, modification time or identity
// changed (or Forget is called, on the editor's file events). What it
// returns for an unchanged configuration is the same *analysis.Config, so
// the driver's memos, which key on it, are kept.
type Loader struct {
	mu     sync.Mutex
	files  map[string]*configFile // by path of the .layerwise.yaml
	merged map[mergeKey]*analysis.Config
	roots  []string // workspace folders: the search for configuration stops there
}

// configFile is one configuration file as last read.
type configFile struct {
	stamp fileStamp
	cfg   *analysis.Config
	err   error
}

// fileStamp is what tells that a file changed without reading it.
type fileStamp struct {
	size    int64
	modTime time.Time
	info    os.FileInfo // for os.SameFile
}

func (a fileStamp) same(b fileStamp) bool {
	return a.size == b.size && a.modTime.Equal(b.modTime) && os.SameFile(a.info, b.info)
}

type mergeKey struct{ file, editor *analysis.Config }

// maxMerged bounds the merged configurations kept: one per configuration
// file and editor settings in use.
const maxMerged = 64

// NewLoader returns a Loader that has read nothing yet.
func NewLoader() *Loader {
	return &Loader{files: map[string]*configFile{}, merged: map[mergeKey]*analysis.Config{}}
}

// Options returns the analysis options for the Dockerfile at path, whose
// model is f: the nearest configuration file with editor laid over it
// (nil: none), and the build context (see context.go): the configured
// one, or the one inferred from f, or none when it cannot be told. A
// configuration file that does not parse is passed on as
// Options.ConfigError, which the analysis reports on the Dockerfile.
func (l *Loader) Options(path string, f *analysis.File, editor *analysis.Config) analysis.Options {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs // folders are walked up from here: ".." has no parent but "."
	}
	dir := filepath.Dir(path)
	opts := analysis.Options{Filename: filepath.Base(path)}
	file, err := l.nearest(dir)
	if err != nil {
		opts.ConfigError = err
		opts.Config = editor
	} else {
		opts.Config = l.merge(file, editor)
	}
	opts.DevImage = isDevImage(path)
	if opts.Config != nil && opts.Config.Squash != nil {
		opts.Squashed = *opts.Config.Squash
	} else if f != nil {
		opts.Squashed = rules.ReliesOnSquash(f, path)
	}
	if ctx := configuredContext(opts.Config, dir); ctx != "" {
		opts.Workspace = Context(ctx)
	} else if ctx, ok := InferContext(path, f); ok {
		opts.Workspace = Context(ctx)
	}
	return opts
}

// isDevImage reports whether the Dockerfile at path builds a development
// image: it lies in a .devcontainer folder or next to a devcontainer.json
// (a dev container), or its name says so next to the word Dockerfile
// (`Dockerfile.dev`, `dev.Dockerfile`, `Containerfile-development`), or its
// folder's name ends in the word (`docker/dev/Dockerfile`,
// `image/app_dev/Dockerfile`). A name that merely holds the word
// (`dev-tools.Dockerfile`) says nothing, nor do folders further up: code
// often lives under ~/dev.
func isDevImage(path string) bool {
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		if filepath.Base(dir) == ".devcontainer" {
			return true
		}
		if parent := filepath.Dir(dir); parent == dir {
			break
		}
	}
	words := nameWords(filepath.Base(path))
	for i, w := range words {
		if w != "dockerfile" && w != "containerfile" {
			continue
		}
		if i > 0 && devWord[words[i-1]] || i+1 < len(words) && devWord[words[i+1]] {
			return true
		}
	}
	if folder := nameWords(filepath.Base(filepath.Dir(path))); len(folder) > 0 && devWord[folder[len(folder)-1]] {
		return true
	}
	for _, name := range []string{"devcontainer.json", ".devcontainer.json"} {
		if _, err := os.Stat(filepath.Join(filepath.Dir(path), name)); err == nil {
			return true
		}
	}
	return false
}

var devWord = map[string]bool{"dev": true, "development": true, "devcontainer": true}

// nameWords splits a file or folder name into its lower-case words:
// "Dockerfile.dev" is dockerfile and dev, "discourse_dev" discourse and dev.
func nameWords(name string) []string {
	return strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return r == '.' || r == '_' || r == '-' || r == ' '
	})
}

// configuredContext is the build context a configuration names, as an
// absolute folder, or "".
func configuredContext(cfg *analysis.Config, dockerfileDir string) string {
	if cfg == nil || cfg.Context == "" {
		return ""
	}
	if filepath.IsAbs(cfg.Context) {
		return filepath.Clean(cfg.Context)
	}
	base := cfg.ContextBase
	if base == "" {
		base = dockerfileDir
	}
	return filepath.Join(base, filepath.FromSlash(cfg.Context))
}

// ReadRegularFile reads up to limit bytes of the regular file at p: a
// FIFO, a device or a folder (even behind a symlink) is refused, not waited
// on or read without end.
func ReadRegularFile(p string, limit int64) ([]byte, error) {
	fh, err := openNoBlock(p)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", info.Mode().Type())
	}
	return io.ReadAll(io.LimitReader(fh, limit))
}

// repositoryRoot is the nearest folder at or above dir that is the top of
// a version-controlled tree, or "" when none is.
func repositoryRoot(dir string) string {
	for d := dir; ; {
		if isRepoRoot(d) {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// Forget drops what was read of every configuration file, so the next
// analysis reads them again.
func (l *Loader) Forget() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.files = map[string]*configFile{}
	l.merged = map[mergeKey]*analysis.Config{}
}

// nearest is the configuration of the nearest folder, from dir up to the
// search's top (searchTop), that holds a configuration file; nil when none
// does.
func (l *Loader) nearest(dir string) (*analysis.Config, error) {
	top := l.searchTop(dir)
	for {
		p := filepath.Join(dir, ConfigFileName)
		if info, err := os.Stat(p); err == nil {
			return l.read(p, info)
		}
		parent := filepath.Dir(dir)
		if dir == top || parent == dir {
			return nil, nil
		}
		dir = parent
	}
}

// SetRoots names the workspace folders (absolute paths): the search for a
// configuration file stops at the one that holds the Dockerfile, and a
// folder above every workspace is never read.
func (l *Loader) SetRoots(roots []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.roots = nil
	for _, r := range roots {
		if abs, err := filepath.Abs(r); err == nil {
			l.roots = append(l.roots, filepath.Clean(abs))
		}
	}
}

// searchTop is the highest folder the search from dir reads: the innermost
// workspace folder that holds dir; else, with workspace folders known,
// dir itself (a file from elsewhere gets only its own folder's
// configuration); else the repository root above dir (a folder with
// .git); else the file system root ("").
func (l *Loader) searchTop(dir string) string {
	l.mu.Lock()
	roots := l.roots
	l.mu.Unlock()
	top := ""
	for _, r := range roots {
		if within(dir, r) && len(r) > len(top) {
			top = r
		}
	}
	switch {
	case top != "":
		return top
	case len(roots) > 0:
		return dir
	}
	return repositoryRoot(dir)
}

// within reports whether dir is root or lies below it.
func within(dir, root string) bool {
	rel, err := filepath.Rel(root, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// read returns the configuration at p, parsing it only when it changed
// since it was last read.
func (l *Loader) read(p string, info os.FileInfo) (*analysis.Config, error) {
	stamp := fileStamp{size: info.Size(), modTime: info.ModTime(), info: info}
	l.mu.Lock()
	cached := l.files[p]
	l.mu.Unlock()
	if cached != nil && cached.stamp.same(stamp) {
		return cached.cfg, cached.err
	}
	cf := &configFile{stamp: stamp}
	cf.cfg, cf.err = parseConfigFile(p, info)
	l.mu.Lock()
	l.files[p] = cf
	l.mu.Unlock()
	return cf.cfg, cf.err
}

// parseConfigFile reads and parses a configuration file: only a regular
// file (a FIFO would block, a device never ends), and only up to
// MaxConfigSize.
func parseConfigFile(p string, info os.FileInfo) (*analysis.Config, error) {
	if !info.Mode().IsRegular() {
		return nil, &analysis.ConfigError{Path: p, Msg: "not a regular file"}
	}
	if info.Size() > MaxConfigSize {
		return nil, &analysis.ConfigError{Path: p, Msg: fmt.Sprintf("%d bytes; a configuration may have up to %d", info.Size(), MaxConfigSize)}
	}
	// What is opened is checked again: the path may have been swapped for a
	// FIFO or a device (a symlink to /dev/zero) since it was looked at.
	data, err := ReadRegularFile(p, MaxConfigSize+1)
	if err != nil {
		return nil, &analysis.ConfigError{Path: p, Msg: err.Error()}
	}
	if len(data) > MaxConfigSize {
		return nil, &analysis.ConfigError{Path: p, Msg: fmt.Sprintf("over %d bytes", MaxConfigSize)}
	}
	cfg, err := analysis.ParseConfig(data, p, rules.All())
	if cfg != nil {
		cfg.ContextBase = filepath.Dir(p) // a relative context is the file's folder's
	}
	return cfg, err
}

// merge is Merge(file, editor), the same value for the same two.
func (l *Loader) merge(file, editor *analysis.Config) *analysis.Config {
	if file == nil || editor == nil {
		return Merge(file, editor)
	}
	key := mergeKey{file, editor}
	l.mu.Lock()
	defer l.mu.Unlock()
	if m := l.merged[key]; m != nil {
		return m
	}
	if len(l.merged) >= maxMerged {
		l.merged = map[mergeKey]*analysis.Config{}
	}
	m := Merge(file, editor)
	l.merged[key] = m
	return m
}

// Context is a build context on disk.
type Context string

// Exists implements analysis.Workspace.
func (c Context) Exists(rel string) bool {
	p := filepath.Join(string(c), filepath.FromSlash(rel))
	if strings.HasSuffix(rel, "/") {
		p += string(filepath.Separator) // only a folder: a file with a trailing / is ENOTDIR
	}
	_, err := os.Stat(p)
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
	if override.Context != "" {
		out.Context, out.ContextBase = override.Context, override.ContextBase
	}
	if override.Squash != nil {
		out.Squash = override.Squash
	}
	out.TrustedBaseImages = append(append([]string(nil), base.TrustedBaseImages...), override.TrustedBaseImages...)
	out.Targets = append(append([]string(nil), base.Targets...), override.Targets...)
	return &out
}
