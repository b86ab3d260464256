// A fake clock package under an alias: its After and NewTimer are not time's, whatever the
// other imports are.
package scheduler

import (
	fakeclock "example.com/internal/fakeclock"
	"time"
)

func poll(in <-chan int) {
	for {
		select {
		case <-in:
		case <-fakeclock.After(time.Second):
		}
	}
}

func rearm(in <-chan int, t *fakeclock.Timer) {
	for {
		t.Reset(time.Second)
		select {
		case <-in:
		case <-t.C:
		}
	}
}
