package rules

import (
	"regexp"
	"strings"

	"github.com/layerwise/layerwise/analysis"
)

var mountInvalid = &analysis.Rule{
	ID:       "mount-invalid",
	Source:   analysis.SourceLayerwise,
	Category: analysis.CategoryCorrectness,
	Severity: analysis.SeverityError,
	Summary:  "RUN --mount that BuildKit rejects when it builds: an unknown type or key, a key the type does not take, a bad value",
	Doc: "BuildKit reads a RUN's `--mount` options only when it runs the build, so a " +
		"typo (`targt=`, `type=cach`), a key the mount type does not take (`required` on a " +
		"bind mount, `mode` on tmpfs, `sharing` on a secret) or a value out of its domain " +
		"(`sharing=lockd`, `mode=755x`, `uid=app`) passes every editor check and fails the " +
		"build minutes later.\n\n" +
		"Bad:\n\n    RUN --mount=type=cache,targt=/root/.npm npm ci\n\n" +
		"Good:\n\n    RUN --mount=type=cache,target=/root/.npm npm ci\n\n" +
		"Each `--mount` is read by BuildKit's own parser (v0.34), with its message and its " +
		"nearest valid key or value; variables in a value are left for the build. Types: " +
		"bind, cache, tmpfs, secret, ssh. The quick fix writes the key or value BuildKit " +
		"suggests. Silence with `# layerwise ignore=mount-invalid`.",
	Scope: analysis.ScopeStage,
	Run:   checkMountInvalid,
}

func checkMountInvalid(p *analysis.Pass) {
	for _, in := range p.Stage.Instructions {
		if !in.Runs() {
			continue
		}
		for _, e := range analysis.MountErrors(in) {
			fd := analysis.Finding{Range: e.Flag.ValueRange, Message: "--mount: " + e.Message}
			if fix, ok := mountFix(e); ok {
				fd.Data = fix
			}
			p.Report(fd)
		}
	}
}

// MountFix is the Data of mount-invalid when BuildKit names the nearest
// valid word: the field of the --mount value to rewrite (its byte offsets
// in the value) and what to write.
type MountFix struct {
	Start, End int
	New        string
}

var (
	mountKeyError   = regexp.MustCompile(`^unexpected key '([^']+)' in '[^']*' \(did you mean ([^?]+)\?\)`)
	mountValueError = regexp.MustCompile(`^unsupported (mount type|sharing value) "([^"]+)" \(did you mean ([^?]+)\?\)`)
)

// mountFix locates the word BuildKit's suggestion replaces: a key
// (`targt=`), or the value of type= or sharing=.
func mountFix(e analysis.MountError) (MountFix, bool) {
	fields := strings.Split(e.Flag.Value, ",")
	offset := 0
	if m := mountKeyError.FindStringSubmatch(e.Message); m != nil {
		for _, field := range fields {
			if key, _, _ := strings.Cut(field, "="); strings.EqualFold(key, m[1]) {
				return MountFix{Start: offset, End: offset + len(key), New: m[2]}, true
			}
			offset += len(field) + 1
		}
		return MountFix{}, false
	}
	if m := mountValueError.FindStringSubmatch(e.Message); m != nil {
		want := "type"
		if m[1] == "sharing value" {
			want = "sharing"
		}
		for _, field := range fields {
			if key, value, ok := strings.Cut(field, "="); ok && strings.EqualFold(key, want) && value == m[2] {
				start := offset + len(key) + 1
				return MountFix{Start: start, End: start + len(value), New: m[3]}, true
			}
			offset += len(field) + 1
		}
	}
	return MountFix{}, false
}
