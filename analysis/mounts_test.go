package analysis

import "testing"

func TestRunMounts(t *testing.T) {
	tests := []struct {
		name string
		flag string
		want Mount
	}{
		{"cache with sharing", "--mount=type=cache,target=/var/cache/apt,sharing=locked",
			Mount{Type: "cache", Target: "/var/cache/apt", Sharing: "locked"}},
		{"type defaults to bind", "--mount=target=/src,source=.",
			Mount{Type: "bind", Target: "/src", Source: "."}},
		{"dst is target", "--mount=type=cache,dst=/root/.cache/pip",
			Mount{Type: "cache", Target: "/root/.cache/pip"}},
		{"destination is target, src is source", "--mount=type=bind,from=build,src=/out,destination=/in",
			Mount{Type: "bind", Target: "/in", Source: "/out", From: "build"}},
		{"secret with id", "--mount=type=secret,id=npmrc,target=/root/.npmrc",
			Mount{Type: "secret", Target: "/root/.npmrc", ID: "npmrc"}},
		{"keys and type are case-insensitive", "--mount=TYPE=Cache,Target=/go/pkg/mod",
			Mount{Type: "cache", Target: "/go/pkg/mod"}},
		{"CSV quoting keeps commas", `--mount=type=bind,"source=a,b",target=/x`,
			Mount{Type: "bind", Target: "/x", Source: "a,b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("FROM x\nRUN " + tt.flag + " --network=none true\n")
			mounts := RunMounts(f.Instructions[1])
			if len(mounts) != 1 {
				t.Fatalf("mounts %+v", mounts)
			}
			m := mounts[0]
			if m.Type != tt.want.Type || m.Target != tt.want.Target || m.Source != tt.want.Source ||
				m.From != tt.want.From || m.ID != tt.want.ID || m.Sharing != tt.want.Sharing {
				t.Errorf("got %+v\nwant %+v", m, tt.want)
			}
			if shellSpan(m.Flag.Range) != shellSpan(f.Instructions[1].Flags[0].Range) {
				t.Errorf("flag range %s", shellSpan(m.Flag.Range))
			}
		})
	}
}

func TestRunMountsSeveralAndNone(t *testing.T) {
	f := Parse("FROM x\nRUN --mount=type=cache,target=/a --mount=type=tmpfs,target=/b true\nRUN true\n")
	if got := RunMounts(f.Instructions[1]); len(got) != 2 || got[1].Type != "tmpfs" {
		t.Errorf("mounts %+v", got)
	}
	if got := RunMounts(f.Instructions[2]); len(got) != 0 {
		t.Errorf("mounts %+v on a RUN without --mount", got)
	}
}

func TestCacheMountFor(t *testing.T) {
	f := Parse("FROM x\nRUN --mount=type=cache,target=/var/cache/apt/ --mount=type=tmpfs,target=/tmp " +
		"--mount=type=bind,target=/var/lib/apt/lists apt-get update\n")
	in := f.Instructions[1]
	tests := []struct {
		dir  string
		want bool
	}{
		{"/var/cache/apt", true},
		{"/var/cache/apt/archives", true},
		{"/var/cache/aptitude", false},
		{"/tmp/x", true},
		{"/var/lib/apt/lists", false}, // a bind mount is no cache
		{"", false},
	}
	for _, tt := range tests {
		if _, got := CacheMountFor(in, tt.dir); got != tt.want {
			t.Errorf("CacheMountFor(%q) = %v, want %v", tt.dir, got, tt.want)
		}
	}
}
