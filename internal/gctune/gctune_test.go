package gctune

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestPercentFor(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 100},
		{2 << 20, 100},
		{Headroom, 100},
		{8 << 20, 50},
		{12 << 20, 33},
		{16 << 20, 25},
		{400 << 20, MinPercent},
	} {
		if got := PercentFor(c.live); got != c.want {
			t.Errorf("PercentFor(%d MiB) = %d, want %d", c.live>>20, got, c.want)
		}
	}
}

// currentPercent reads GOGC without changing it for long.
func currentPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestStartFollowsTheLiveHeap holds 32 MiB live, then lets it go: GOGC
// drops to the floor after a collection and comes back to 100.
func TestStartFollowsTheLiveHeap(t *testing.T) {
	t.Setenv("GOGC", "") // as a user's shell without it
	defer debug.SetGCPercent(currentPercent())
	Start()
	waitFor := func(want int) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for currentPercent() != want {
			if time.Now().After(deadline) {
				t.Fatalf("GOGC = %d, want %d", currentPercent(), want)
			}
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
		}
	}
	live := make([][]byte, 32)
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	waitFor(MinPercent)
	runtime.KeepAlive(live)
	live = nil
	waitFor(100)
}
