// NewTimer per iteration, stopped before the next one: a deferred Stop in a function literal
// called in place, or a plain Stop after the select.
package near

import "time"

func deferInClosure(in <-chan int) {
	for {
		func() {
			t := time.NewTimer(time.Minute)
			defer t.Stop()
			select {
			case <-in:
			case <-t.C:
			}
		}()
	}
}

func stopAfterSelect(in <-chan int) {
	for {
		t := time.NewTimer(time.Minute)
		select {
		case <-in:
		case <-t.C:
		}
		t.Stop()
	}
}

func stopInMessageCase(in <-chan int) {
	for {
		t := time.NewTimer(time.Minute)
		select {
		case <-in:
			t.Stop()
		case <-t.C:
		}
	}
}
