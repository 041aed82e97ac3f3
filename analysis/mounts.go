package analysis

import (
	"encoding/csv"
	"path"
	"strings"
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
