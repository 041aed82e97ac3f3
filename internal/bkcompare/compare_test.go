// Package bkcompare checks that layerwise's re-implementation of BuildKit's
// Dockerfile checks (analysis/buildkit_*.go) agrees with BuildKit itself.
// It lives in its own module so that the main module never links
// dockerfile2llb; see README.md.
package bkcompare

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/layerwise/layerwise/analysis"
	"github.com/layerwise/layerwise/analysis/rules"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	digest "github.com/opencontainers/go-digest"
)

// offlineResolver answers every base image with a minimal configuration of
// the host's platform whose environment is PATH only, so BuildKit needs no
// registry.
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	cfg := map[string]any{
		"architecture": runtime.GOARCH,
		"os":           "linux",
		"config":       map[string]any{"Env": []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
		"rootfs":       map[string]any{"type": "layers", "diff_ids": []string{"sha256:" + strings.Repeat("a", 64)}},
	}
	dt, err := json.Marshal(cfg)
	return ref, "", dt, err
}

// skipped are the BuildKit rules layerwise does not implement.
var skipped = map[string]bool{"InvalidBaseImagePlatform": true, "CopyIgnoredFile": true, "InvalidDefinitionDescription": true}

// key identifies a finding by rule, message and the instruction it is in.
type key struct {
	rule, msg string
	instr     int
}

func (k key) String() string { return fmt.Sprintf("%s@instr%d: %s", k.rule, k.instr, k.msg) }

func TestAgainstBuildKit(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "buildkit", "*.Dockerfile"))
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			f := analysis.Parse(string(data))
			instrAtLine := func(line int) int { // 0-based line
				for _, in := range f.Instructions {
					if line >= int(in.Range.Start.Line) && line <= int(in.Range.End.Line) {
						return in.Index
					}
				}
				return -1
			}

			res, err := dockerfile2llb.DockerfileLint(context.Background(), data, dockerfile2llb.ConvertOpt{
				MetaResolver: offlineResolver{},
				SourceMap:    sourceMap(t, data),
			})
			if err != nil {
				t.Fatal(err)
			}
			if res.Error != nil {
				t.Logf("BuildKit stopped: %s", res.Error.Message)
			}
			want := map[key]bool{}
			for _, w := range res.Warnings {
				if skipped[w.RuleName] {
					continue
				}
				line := -1
				if w.Location != nil && len(w.Location.Ranges) > 0 {
					line = int(w.Location.Ranges[0].Start.Line) - 1
				}
				want[key{w.RuleName, w.Detail, instrAtLine(line)}] = true
			}

			got := map[key]bool{}
			for _, fd := range analysis.AnalyzeWith(f, rules.All(), analysis.Options{StrictScope: true}) {
				if fd.Source != analysis.SourceBuildKit {
					continue
				}
				got[key{fd.Code, fd.Message, instrAtLine(int(fd.Range.Start.Line))}] = true
			}
			for _, k := range diff(want, got) {
				t.Errorf("BuildKit reports, layerwise does not: %s", k)
			}
			for _, k := range diff(got, want) {
				t.Errorf("layerwise reports, BuildKit does not: %s", k)
			}
		})
	}
}

// sourceMap is the source description DockerfileLint wants.
func sourceMap(t *testing.T, data []byte) *llb.SourceMap {
	st := llb.Scratch()
	def, err := st.Marshal(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sm := llb.NewSourceMap(&st, "Dockerfile", "Dockerfile", data)
	sm.Definition = def
	return sm
}

func diff(a, b map[key]bool) []key {
	var out []key
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}
