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
