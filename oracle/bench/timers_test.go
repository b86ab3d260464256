package bench

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// opDuration is the duration of every timer a benchmark creates: the seed scenarios' 3 minutes.
// The clock never reaches it while a benchmark runs, so no benchmark timer fires.
const opDuration = 3 * time.Minute

// sizes are the numbers of other live timers in the heap while an operation is measured.
var sizes = []int{10, 1_000, 100_000, 1_000_000}

// otherDuration is the duration of the i-th of n other live timers: n values spread evenly over
// [1m, 61m), in the scrambled order i*7919 mod n (7919 is prime, so this is a permutation of
// 0..n for every size here). The Rust benchmarks compute the same values.
func otherDuration(i, n int) time.Duration {
	k := int64(i) * 7919 % int64(n)
	return time.Minute + time.Duration(k*int64(60*time.Minute)/int64(n))
}

func noop() {}

var (
	othersMu sync.Mutex
	others   = map[int][]*time.Timer{}
)

// withOthers makes sure n other live timers are in the heap, once per process and size. They are
// AfterFuncs, because Go >= 1.23 keeps a channel timer out of the heap until a goroutine blocks on
// its channel; an AfterFunc is in the heap in both modes, as every armed timer is in timerlab.
func withOthers(n int) {
	othersMu.Lock()
	defer othersMu.Unlock()
	if _, ok := others[n]; ok {
		return
	}
	timers := make([]*time.Timer, n)
	for i := range timers {
		timers[i] = time.AfterFunc(otherDuration(i, n), noop)
	}
	others[n] = timers
}

// forEachSize runs op as a sub-benchmark "others=N" for every size, with N other live timers.
func forEachSize(b *testing.B, op func(b *testing.B)) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("others=%d", n), func(b *testing.B) {
			withOthers(n)
			b.ReportAllocs()
			b.ResetTimer()
			op(b)
		})
	}
}

func BenchmarkNewTimerStop(b *testing.B) {
	forEachSize(b, func(b *testing.B) {
		for range b.N {
			t := time.NewTimer(opDuration)
			t.Stop()
		}
	})
}

// BenchmarkResetActive resets one armed timer, alternating between two deadlines so that each
// Reset really moves it.
func BenchmarkResetActive(b *testing.B) {
	forEachSize(b, func(b *testing.B) {
		t := time.NewTimer(opDuration)
		for i := range b.N {
			if i&1 == 0 {
				t.Reset(opDuration + time.Minute)
			} else {
				t.Reset(opDuration)
			}
		}
		b.StopTimer()
		t.Stop()
	})
}

// sinkChan keeps time.After's result observable.
var sinkChan <-chan time.Time

func BenchmarkAfterDropped(b *testing.B) {
	forEachSize(b, func(b *testing.B) {
		for range b.N {
			sinkChan = time.After(opDuration)
		}
		sinkChan = nil
	})
}

func BenchmarkAfterFuncStop(b *testing.B) {
	forEachSize(b, func(b *testing.B) {
		for range b.N {
			t := time.AfterFunc(opDuration, noop)
			t.Stop()
		}
	})
}

func BenchmarkTickerStop(b *testing.B) {
	forEachSize(b, func(b *testing.B) {
		for range b.N {
			t := time.NewTicker(opDuration)
			t.Stop()
		}
	})
}

var sinkInt int

// BenchmarkSeed2Loop is one iteration of the seed-2 consumer: a message is ready, so the select
// takes it, and the fresh 3-minute time.After is dropped (leaked until it fires, in async mode).
func BenchmarkSeed2Loop(b *testing.B) {
	forEachSize(b, func(b *testing.B) {
		msgs := make(chan int, 1)
		for i := range b.N {
			msgs <- i
			select {
			case m := <-msgs:
				sinkInt += m
			case <-time.After(opDuration):
				b.Fatal("the 3-minute timeout fired during the benchmark")
			}
		}
	})
}
