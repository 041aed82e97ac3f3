// Package gctune keeps a language server's heap close to its live data.
//
// Go's default (GOGC=100) lets the heap grow to twice the live data before
// collecting. For a small document that is a few megabytes; for a large one
// most of the live data is the model and caches that stay from edit to
// edit, and doubling them is what the process's peak memory is made of.
// So after every collection the growth allowed before the next one is set
// to about Headroom bytes: GOGC 100 while the live heap is under Headroom,
// less above it, never under MinPercent (below that the collector runs so
// often that edits slow down more than memory shrinks). Work that allocates
// more than twice Headroom each time (analysing one long stage, which an
// edit re-checks whole) gets half of what it allocates, so it is not
// interrupted by collection after collection; "each time" is the smaller of
// the last two, so that a one-off (the first analysis of a large file,
// which checks every stage) does not count. A GOGC set in the environment
// is left alone.
package gctune

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

const (
	// Headroom is the heap growth allowed between collections once the
	// live heap is larger than it.
	Headroom = 4 << 20
	// MinPercent is the lowest GOGC set.
	MinPercent = 25
	maxPercent = 100
)

// PercentFor is the GOGC that lets a heap of live bytes grow by headroom.
func PercentFor(live, headroom uint64) int {
	if live <= headroom {
		return maxPercent
	}
	return max(MinPercent, int(100*headroom/live))
}

// work is what the last two Observe'd pieces of work allocated.
var work struct {
	sync.Mutex
	last [2]uint64
}

// Observe runs fn (an analysis) and remembers how much it allocated.
func Observe(fn func()) {
	before := allocated()
	fn()
	n := allocated() - before
	work.Lock()
	work.last[0], work.last[1] = work.last[1], n
	work.Unlock()
}

// usualWork is the smaller of the last two allocations Observe saw.
func usualWork() uint64 {
	work.Lock()
	defer work.Unlock()
	return min(work.last[0], work.last[1])
}

func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

var started atomic.Bool

// Start sets GOGC after every collection from then on, unless the
// environment sets GOGC. It is safe to call more than once.
func Start() {
	if os.Getenv("GOGC") != "" || !started.CompareAndSwap(false, true) {
		return
	}
	t := &tuner{percent: maxPercent, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.arm()
}

type tuner struct {
	percent int
	sample  []metrics.Sample
}

// sentinel becomes garbage at once; its finalizer runs after the next
// collection, tunes, and arms a new one. (It holds a pointer, so it is not
// one of the tiny allocations whose finalizers may never run.)
type sentinel struct{ t *tuner }

func (t *tuner) arm() {
	runtime.SetFinalizer(&sentinel{t}, func(s *sentinel) {
		s.t.tune()
		s.t.arm()
	})
}

func (t *tuner) tune() {
	metrics.Read(t.sample)
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	headroom := max(Headroom, usualWork()/2)
	if p := PercentFor(t.sample[0].Value.Uint64(), headroom); p != t.percent {
		debug.SetGCPercent(p)
		t.percent = p
	}
}
