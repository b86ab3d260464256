// The stop case runs an inner `for !w.finished` loop with no `break`: it ends only with
// w.finished true (or a return), so the outer `for !w.finished` ends after it. No case but the
// timer's own goes round the outer loop: its timer is left behind at most once.
// Shape of hashicorp/terraform@883c7221ee2e0bc2fad6912fd4b3cc4b53a598a7 internal/moduletest/graph/wait.go:96.
package realcode

import (
	"context"
	"time"
)

type waiter struct {
	finished bool
	running  context.Context
	progress func()
}

func (w *waiter) wait(stop, cancel context.Context) bool {
	for !w.finished {
		select {
		case <-time.After(2 * time.Second):
			w.progress()
		case <-stop.Done():
			for !w.finished {
				select {
				case <-time.After(2 * time.Second):
					w.progress()
				case <-cancel.Done():
					return true
				case <-w.running.Done():
					w.finished = true
				}
			}
		case <-cancel.Done():
			return true
		case <-w.running.Done():
			w.finished = true
		}
	}
	return false
}
