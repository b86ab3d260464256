// Command probe prints, on one line, which timer-channel behaviour the Go program it was built as
// gets: the toolchain, the default GODEBUG the go command compiled in, the GODEBUG of the
// environment, and four observations.
//
//   - cap: cap(t.C) of a new timer: 1 for a buffered (async) channel, 0 for a sync one.
//   - stop: Stop on a timer that expired and was not received.
//   - stale: whether a receive after that Stop still finds a value (the async "stale value").
//   - collected: whether never-stopped 1 h timers the program dropped are garbage-collected or
//     kept by the runtime until they fire: the heap still in use after dropping 20,000 of them
//     and collecting, per timer ("retained", in bytes; a kept timer costs over 200 B, a collected
//     one 0). A finalizer cannot tell: a channel timer and its channel point at each other, and
//     Go never runs a finalizer on such a cycle.
//
// behaviour= names the combination: sync (cap 0, collected), async (cap 1, kept: Go <= 1.22 and
// asynctimerchan=1) or async-collected (cap 1, collected: asynctimerchan=2). See ../../RELEASES.md.
//
// The code stays within Go 1.16 so that every go line the probes use can build it.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"time"
)

func main() {
	capacity := cap(time.NewTimer(time.Hour).C)

	t := time.NewTimer(time.Millisecond)
	time.Sleep(50 * time.Millisecond)
	stop := t.Stop()
	stale := false
	select {
	case <-t.C:
		stale = true
	default:
	}

	collected, retained := collects()

	behaviour := "unknown"
	switch {
	case capacity == 0 && collected && !stale:
		behaviour = "sync"
	case capacity == 1 && !collected && stale:
		behaviour = "async"
	case capacity == 1 && collected && stale:
		behaviour = "async-collected"
	}
	fmt.Printf("behaviour=%s cap=%d stop=%t stale=%t collected=%t retained=%dB go=%s default=%q env=%q\n",
		behaviour, capacity, stop, stale, collected, retained, runtime.Version(), defaultGODEBUG(), os.Getenv("GODEBUG"))
}

// collects drops never-stopped 1 h timers and returns the heap they still hold, per timer.
func collects() (collected bool, retained int64) {
	const n = 20000
	before := heapInUse()
	for i := 0; i < n; i++ {
		time.NewTimer(time.Hour)
	}
	retained = (heapInUse() - before) / n
	return retained < 64, retained
}

func heapInUse() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// defaultGODEBUG is the GODEBUG default the go command compiled into the binary (Go >= 1.21
// records it in the build information).
func defaultGODEBUG() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "?"
	}
	for _, s := range info.Settings {
		if s.Key == "DefaultGODEBUG" {
			return s.Value
		}
	}
	return ""
}
