// An overall deadline written as `case <-time.After(d):` inside a polling loop: every round the
// ticker wins and a new deadline starts, so with ticks faster than d it never fires and the poll
// runs forever, in every Go release (streamnative/pulsarctl@ed56d5bd09c35df78c9605e2703d599516316564
// pkg/cmdutils/cmdutils.go:119, PR #85). The fix starts it once before the loop (the third
// function: silent). Beside a message case the same code is an idle timeout, as meant: the usual
// `after-in-loop`.
package bugs

import (
	"errors"
	"time"
)

func runWithTimeout(task func() bool, timeout time.Duration) error {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for done := false; !done; {
		select {
		case <-time.After(timeout): // want after-in-loop async=error async-collected=error sync=error
			return errors.New("task timeout")
		case <-ticker.C:
			done = task()
		}
	}
	return nil
}

func waitIdle(msgs <-chan int, idle time.Duration) error {
	for {
		select {
		case <-time.After(idle): // want after-in-loop async=error async-collected=note sync=note
			return errors.New("idle")
		case m := <-msgs:
			_ = m
		}
	}
}

func hoisted(task func() bool, timeout time.Duration) error {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	deadline := time.After(timeout)
	for done := false; !done; {
		select {
		case <-deadline:
			return errors.New("task timeout")
		case <-ticker.C:
			done = task()
		}
	}
	return nil
}

// A data case beside the ticker does not save it: every tick still starts a new deadline
// (stackrox/collector@fad6d476824ade914185b5d345e9211e55711c8b
// integration-tests/pkg/mock_sensor/expect_proc.go:134, PR #1645).
func waitN(live <-chan int, n int, timeout time.Duration, onTick func()) bool {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	got := 0
	for {
		select {
		case <-tick.C:
			onTick()
		case <-time.After(timeout): // want after-in-loop async=error async-collected=error sync=error
			return false
		case <-live:
			got++
			if got >= n {
				return true
			}
		}
	}
}

// A `default:` goes round at once: the deadline never fires, and the loop spins.
func waitForLength(check func() int, want int) bool {
	for {
		select {
		case <-time.After(time.Second): // want after-in-loop async=error async-collected=error sync=error
			return false
		default:
			if check() == want {
				return true
			}
		}
	}
}
