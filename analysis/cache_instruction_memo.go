package analysis

import (
	"sync"
	"sync/atomic"
)

// lazyMemo holds what is worked out about an instruction on first use: its
// shell script, the paths it creates, its mounts. A File is immutable
// after Parse, so concurrent readers share one result; and the stages an
// edit leaves unchanged share their instructions, memos included, with the
// next File (all of it depends only on the instruction and those before
// it). The parts live behind one pointer, allocated on first use: most
// instructions of a File never need them, and every edit copies the
// instructions after it.
type lazyMemo struct{ p atomic.Pointer[memoParts] }

type memoParts struct {
	shellMu sync.Mutex
	script  atomic.Pointer[Script] // for an instruction parsed without a cache
	// placed is the parse cache's entry for the script of an instruction
	// from a cached chunk; the cache empties it when no analysis needs it.
	placed       atomic.Pointer[placedScript]
	created      sync.Once
	createdPaths []CreatedPath
	mounts       sync.Once
	mountList    []Mount
}

func (l *lazyMemo) get() *memoParts {
	if m := l.p.Load(); m != nil {
		return m
	}
	l.p.CompareAndSwap(nil, &memoParts{})
	return l.p.Load()
}

// share makes l use the memos of from: an instruction that stands where an
// unchanged one stood, with nothing changed before it, knows the same.
func (l *lazyMemo) share(from *lazyMemo) {
	l.p.Store(from.get())
}
