// Resets that are safe in both semantics: after the non-blocking drain, right after receiving,
// or only when Stop caught the timer pending.
package near

import "time"

func nonBlockingDrain(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case <-in:
			if !t.Stop() {
				select {
				case <-t.C:
				default:
				}
			}
			t.Reset(d)
		case <-t.C:
			t.Reset(d)
		}
	}
}

func resetIfStopped(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case <-in:
			if t.Stop() {
				t.Reset(d)
			}
		case <-t.C:
			return
		}
	}
}

func drainThenReset(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		select {
		case <-in:
		case <-t.C:
		}
		t.Stop()
		select {
		case <-t.C:
		default:
		}
		t.Reset(d)
	}
}
