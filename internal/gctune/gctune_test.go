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
		if got := PercentFor(c.live, Headroom); got != c.want {
			t.Errorf("PercentFor(%d MiB) = %d, want %d", c.live>>20, got, c.want)
		}
	}
	// Work allocating 24 MiB each time gets 12 MiB of headroom.
	if got := PercentFor(16<<20, 12<<20); got != 75 {
		t.Errorf("PercentFor(16 MiB, 12 MiB) = %d, want 75", got)
	}
}

// TestObserveTakesTheSmallerOfTheLastTwo: a one-off large allocation (a
// first analysis) does not set the headroom; two in a row do.
func TestObserveTakesTheSmallerOfTheLastTwo(t *testing.T) {
	var keep []byte
	allocate := func(n int) func() { return func() { keep = make([]byte, n) } }
	Observe(allocate(1 << 10))
	Observe(allocate(10 << 20))
	if got := usualWork(); got > 1<<20 {
		t.Fatalf("after a small and a large piece of work: %d, want the small one", got)
	}
	Observe(allocate(10 << 20))
	if got := usualWork(); got < 10<<20 || got > 11<<20 {
		t.Fatalf("after two large pieces of work: %d, want about 10 MiB", got)
	}
	_ = keep
	work.last = [2]uint64{}
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
