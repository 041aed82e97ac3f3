package analysis

import (
	"encoding/csv"
	"path"
	"regexp"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Mount is one `--mount=...` option of a RUN, as BuildKit reads it: a
// comma-separated list of key=value fields (CSV quoting allowed).
type Mount struct {
	// Type is bind (the default), cache, tmpfs, secret or ssh, lower-case.
	Type string
	// Target is the mount point: target=, dst= or destination=. It is kept
	// as written: a relative target (resolved by BuildKit against WORKDIR)
	// and ${ARG} references are not resolved.
	Target  string
	Source  string // source= or src=
	From    string // from=
	ID      string // id=
	Sharing string // sharing= (shared, private, locked)
	// Options holds every field with its key lower-cased; a field without
	// "=" (readonly) maps to "".
	Options map[string]string
	Flag    Flag // the --mount flag it came from, for its ranges
}

// RunMounts parses the --mount flags of in (a RUN or an ONBUILD RUN). A flag whose value is not valid
// CSV still yields a Mount with the fields read so far and type bind, so a
// malformed mount is never mistaken for a cache mount.
// The result is shared: callers must not change it.
func RunMounts(in *Instruction) []Mount {
	m := in.memo.get()
	m.mounts.Do(func() {
		for _, fl := range in.runFlags() {
			if fl.Name != "mount" || !fl.HasValue {
				continue
			}
			m.mountList = append(m.mountList, parseMount(fl))
		}
	})
	return m.mountList
}

func parseMount(fl Flag) Mount {
	m := Mount{Type: "bind", Options: map[string]string{}, Flag: fl}
	r := csv.NewReader(strings.NewReader(fl.Value))
	r.LazyQuotes = true
	fields, err := r.Read()
	if err != nil {
		return m
	}
	for _, field := range fields {
		key, value, _ := strings.Cut(field, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		m.Options[key] = value
		switch key {
		case "type":
			m.Type = strings.ToLower(value)
		case "target", "dst", "destination":
			m.Target = value
		case "source", "src":
			m.Source = value
		case "from":
			m.From = value
		case "id":
			m.ID = value
		case "sharing":
			m.Sharing = value
		}
	}
	return m
}

// Covers reports whether dir is the mount's target or lies below it, so a
// cache mount on /var/cache/apt covers /var/cache/apt/archives. Both paths
// are compared cleaned; a relative target only matches a relative dir.
func (m Mount) Covers(dir string) bool {
	if m.Target == "" || dir == "" {
		return false
	}
	target, dir := path.Clean(m.Target), path.Clean(dir)
	if target == "/" {
		return strings.HasPrefix(dir, "/")
	}
	return dir == target || strings.HasPrefix(dir, target+"/")
}

// CacheMountFor returns the cache or tmpfs mount of in that covers dir:
// files a RUN writes there never reach a layer, so the cache-cleanup rules
// accept it.
func CacheMountFor(in *Instruction, dir string) (Mount, bool) {
	for _, m := range RunMounts(in) {
		if (m.Type == "cache" || m.Type == "tmpfs") && m.Covers(dir) {
			return m, true
		}
	}
	return Mount{}, false
}

// MountError is BuildKit's complaint about one --mount of a RUN.
type MountError struct {
	Flag    Flag   // the --mount flag
	Message string // BuildKit's message, its "did you mean" chosen stably
}

// MountErrors checks every --mount of a RUN (or ONBUILD RUN) with
// BuildKit's own parser, as it reads them when it builds: an unknown type
// or key, a key the type does not take, a value out of its domain. The
// variables in a value are left as written.
func MountErrors(in *Instruction) []MountError {
	var out []MountError
	for _, fl := range in.runFlags() {
		if fl.Name != "mount" || !fl.HasValue {
			continue
		}
		if msg := buildkitMountError(fl.Value); msg != "" {
			out = append(out, MountError{Flag: fl, Message: msg})
		}
	}
	return out
}

// buildkitMountError parses `RUN --mount=value true` as BuildKit does and
// returns its error, or "".
func buildkitMountError(value string) string {
	text := "RUN --mount=" + value + " true\n" // as written: the flag is one word
	res, err := parser.Parse(strings.NewReader(text))
	if err != nil || len(res.AST.Children) != 1 {
		return ""
	}
	cmd, err := parseInstruction(res.AST.Children[0])
	if err != nil {
		return cleanError(err)
	}
	run, ok := cmd.(*instructions.RunCommand)
	if !ok {
		return ""
	}
	if err := run.Expand(func(word string) (string, error) { return word, nil }); err != nil {
		return stableMountSuggestion(cleanError(err))
	}
	return ""
}

var (
	mountTypeError    = regexp.MustCompile(`unsupported mount type "([^"]*)"`)
	mountSharingError = regexp.MustCompile(`unsupported sharing value "([^"]*)"`)
)

// stableMountSuggestion picks the "did you mean" of a mount type or
// sharing value again, the same way every time (BuildKit's candidates come
// from maps).
func stableMountSuggestion(msg string) string {
	var val string
	var options []string
	if m := mountTypeError.FindStringSubmatch(msg); m != nil {
		val = m[1]
		options = []string{string(instructions.MountTypeBind), string(instructions.MountTypeCache),
			string(instructions.MountTypeTmpfs), string(instructions.MountTypeSecret), string(instructions.MountTypeSSH)}
	} else if m := mountSharingError.FindStringSubmatch(msg); m != nil {
		val = m[1]
		options = []string{string(instructions.MountSharingShared), string(instructions.MountSharingPrivate), string(instructions.MountSharingLocked)}
	} else {
		return msg
	}
	msg = didYouMean.ReplaceAllString(msg, "")
	if match := closest(val, options, true); match != "" {
		msg += " (did you mean " + match + "?)"
	}
	return msg
}
