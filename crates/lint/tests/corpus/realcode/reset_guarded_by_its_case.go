// The Reset runs only when the receiving case said the timer fired: through a flag it clears, a
// channel variable it restores, or a case only it enables.
// Shape of ethereum/go-ethereum@02b73d4ea7181464175e0a6cbecc0a3a2655a562
// accounts/keystore/watch.go:117 and ipfs/boxo@8df89a787fac5f3e2dd37b045c4018197bfb805c
// bitswap/client/internal/messagequeue/messagequeue.go:512.
package realcode

import "time"

func debounce(events <-chan string, quit <-chan struct{}, d time.Duration, rescan func()) {
	t := time.NewTimer(d)
	t.Stop()
	triggered := false
	for {
		select {
		case <-quit:
			return
		case <-events:
			if !triggered {
				t.Reset(d)
				triggered = true
			}
		case <-t.C:
			rescan()
			triggered = false
		}
	}
}

func scheduler(work chan struct{}, quit <-chan struct{}, d time.Duration, send func()) {
	t := time.NewTimer(d)
	t.Stop()
	hasWork := work
	for {
		select {
		case <-hasWork:
			send()
			hasWork = nil
			t.Reset(d)
		case <-t.C:
			hasWork = work
		case <-quit:
			return
		}
	}
}
