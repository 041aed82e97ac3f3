package analysis

import (
	"strings"
	"testing"
)

func TestBuildKitPlatformAndReference(t *testing.T) {
	refs := map[string]bool{
		"alpine": true, "alpine:3.20": true, "ghcr.io/org/app:v1": true, "localhost:5000/x": true,
		"alpine@sha256:" + strings.Repeat("a", 64): true, "scratch": true,
		"": false, "alpine:": false, "Alpine": false, strings.Repeat("a", 64): false, "a b": false,
	}
	for ref, ok := range refs {
		if got := validImageReference(ref); got != ok {
			t.Errorf("validImageReference(%q) = %v, want %v", ref, got, ok)
		}
	}
	plats := map[string]platform{
		"linux/amd64": {"linux", "amd64"}, "linux/arm/v7": {"linux", "arm"}, "Linux/x86_64": {"linux", "amd64"},
		"macos/aarch64": {"darwin", "arm64"},
	}
	for spec, want := range plats {
		if got, ok := parsePlatform(spec); !ok || got != want {
			t.Errorf("parsePlatform(%q) = %v, %v; want %v", spec, got, ok, want)
		}
	}
	for _, bad := range []string{"", "linux/*", "foo", "a/b/c/d", "linux/a b"} {
		if _, ok := parsePlatform(bad); ok {
			t.Errorf("parsePlatform(%q) accepted", bad)
		}
	}
}
