// Command race69312 tries to make real Go lose a timer's value as in golang/go#69312: with sync
// timer channels (Go 1.23's default), Stop racing the firing of a timer could return false although
// no value was, or ever would be, sent, so the drain idiom `if !t.Stop() { <-t.C }` hangs forever
// (otel-go #5868, quic-go #4659/#4685). Go 1.23.2 fixed it (runtime/time.go, `isSending`).
//
// The window is a few instructions wide: in (*timer).unlockAndRun, between `t.when = 0; t.unlock()`
// and taking t.sendLock to send. Each attempt arms a short timer and has one goroutine poll its
// channel (`select` with `default`) without pause: in sync mode the first poll after the deadline
// runs the timer itself (maybeRunChan → unlockAndRun), so the firing happens within a poll (tens of
// ns) of the deadline. Another goroutine spins to the deadline plus a small offset and calls Stop.
// When Stop returns false and the poller got nothing, the drain idiom runs with a bound: no value
// within -wait is a hang, the bug. (-receiver parked parks the receiver in a blocking select
// instead, as the reports did; the runtime then fires the timer, with far less precise timing.)
//
//	go run ./race69312 [-duration 2m] [-pairs 1] [-receiver polling|parked] [-spread 400ns] [-wait 100ms]
//
// Run with GOMAXPROCS >= 2 (it refuses fewer): the firing and the Stop must run on different Ps.
// It prints one line: release, timer-channel capacity, attempts, Stop results and hangs.
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

type counts struct {
	attempts      atomic.Int64
	stopTrue      atomic.Int64
	stopFalseGot  atomic.Int64 // Stop false, the receiver had the value: no bug
	stopFalseLate atomic.Int64 // Stop false, the value was still to be drained: no bug
	hangs         atomic.Int64 // Stop false and no value, ever: golang/go#69312
}

func main() {
	duration := flag.Duration("duration", 2*time.Minute, "how long to keep trying")
	pairs := flag.Int("pairs", 1, "attempts running at the same time (each spins two goroutines)")
	receiver := flag.String("receiver", "polling", "polling: the receiver polls the channel and fires the "+
		"timer itself; parked: it blocks in select and the runtime fires the timer")
	spread := flag.Duration("spread", 400*time.Nanosecond, "Stop lands at the deadline plus 0 to this much "+
		"(polling receiver)")
	wait := flag.Duration("wait", 100*time.Millisecond, "how long the drain waits before calling it a hang")
	seed := flag.Int64("seed", 1, "seed of the delays and offsets")
	flag.Parse()
	if runtime.GOMAXPROCS(0) < 2 {
		fmt.Fprintln(os.Stderr, "race69312: needs GOMAXPROCS >= 2")
		os.Exit(2)
	}
	if *receiver != "polling" && *receiver != "parked" {
		fmt.Fprintf(os.Stderr, "race69312: unknown -receiver %q: expected polling or parked\n", *receiver)
		os.Exit(2)
	}
	var c counts
	end := time.Now().Add(*duration)
	var wg sync.WaitGroup
	for p := 0; p < *pairs; p++ {
		wg.Add(1)
		go func(rng *rand.Rand) {
			defer wg.Done()
			for time.Now().Before(end) {
				attempt(rng, &c, *receiver == "parked", *spread, *wait)
			}
		}(rand.New(rand.NewSource(*seed + int64(p))))
	}
	wg.Wait()
	n := c.attempts.Load()
	fmt.Printf("%s GOMAXPROCS=%d cap=%d receiver=%s duration=%s attempts=%d stop_true=%d "+
		"stop_false_received=%d stop_false_drained=%d hangs=%d hangs_per_million=%.2f\n",
		runtime.Version(), runtime.GOMAXPROCS(0), cap(time.NewTimer(time.Hour).C), *receiver, *duration, n,
		c.stopTrue.Load(), c.stopFalseGot.Load(), c.stopFalseLate.Load(), c.hangs.Load(),
		float64(c.hangs.Load())*1e6/float64(max(n, 1)))
}

func attempt(rng *rand.Rand, c *counts, parked bool, spread, wait time.Duration) {
	d := time.Duration(20+rng.Intn(30)) * time.Microsecond
	offset := time.Duration(rng.Int63n(int64(spread) + 1))
	if parked {
		// The runtime fires a parked receiver's timer about as late as it wakes from its
		// netpoll sleep: spread Stop over the next 2 ms.
		offset = time.Duration(rng.Int63n(int64(2 * time.Millisecond)))
	}
	t := time.NewTimer(d)
	armed := time.Now()
	got := make(chan bool, 1)
	var cancel atomic.Bool
	cancelled := make(chan struct{})
	go func() {
		if parked {
			select {
			case <-t.C:
				got <- true
			case <-cancelled:
				got <- false
			}
			return
		}
		for !cancel.Load() {
			select {
			case <-t.C:
				got <- true
				return
			default:
			}
		}
		got <- false
	}()
	for time.Since(armed) < d+offset {
	}
	stopped := t.Stop()
	cancel.Store(true)
	close(cancelled)
	received := <-got
	c.attempts.Add(1)
	switch {
	case stopped:
		c.stopTrue.Add(1)
	case received:
		c.stopFalseGot.Add(1)
	default:
		// The drain idiom, bounded.
		select {
		case <-t.C:
			c.stopFalseLate.Add(1)
		case <-time.After(wait):
			c.hangs.Add(1)
		}
	}
}
