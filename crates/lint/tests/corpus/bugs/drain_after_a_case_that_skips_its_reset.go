// The drain in the done case blocks forever when the timer's case can be left without its
// Reset: which ways out of that case re-arm the timer, and which do not.
package relay

import "time"

// A block of its own: the continue inside it still skips the Reset after it.
func inABlock(done <-chan struct{}, t *time.Timer, d time.Duration, step func() error) {
	for {
		select {
		case <-t.C: // want skipped-rearm async=error async-collected=error sync=error
			{
				if err := step(); err != nil {
					continue
				}
				t.Reset(d)
			}
		case <-done:
			if !t.Stop() {
				<-t.C // want blocking-drain async=error async-collected=error sync=error
			}
			return
		}
	}
}

// An if without an else re-arms only when its condition holds.
func resetOnlyIf(done <-chan struct{}, t *time.Timer, d time.Duration, ok func() bool) {
	for {
		select {
		case <-t.C: // want skipped-rearm async=error async-collected=error sync=error
			if ok() {
				t.Reset(d)
			}
		case <-done:
			if !t.Stop() {
				<-t.C // want blocking-drain async=error async-collected=error sync=error
			}
			return
		}
	}
}

// Another timer made in the case is not this one re-armed.
func anotherTimer(done <-chan struct{}, t *time.Timer, d time.Duration, step func() error) {
	for {
		select {
		case <-t.C: // want skipped-rearm async=error async-collected=error sync=error
			grace := time.NewTimer(d)
			grace.Stop()
			if err := step(); err != nil {
				continue
			}
			t.Reset(d)
		case <-done:
			if !t.Stop() {
				<-t.C // want blocking-drain async=error async-collected=error sync=error
			}
			return
		}
	}
}

// Every branch of an if / else if / else chain re-arms: nothing to report here (under sync, the
// drain of a timer handed in is the sync-drain error).
func everyBranch(done <-chan struct{}, t *time.Timer, d time.Duration, a, b func() bool) {
	for {
		select {
		case <-t.C:
			if a() {
				t.Reset(d)
			} else if b() {
				t.Reset(2 * d)
			} else {
				t.Reset(3 * d)
			}
		case <-done:
			if !t.Stop() {
				<-t.C // want sync-drain sync=error
			}
			return
		}
	}
}
