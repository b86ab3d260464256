// The function that makes the timer also receives its channel before the goroutine that drains
// it runs: Stop then returns false and the drain waits for ever — in every behaviour, but
// `blocking-drain` follows receives only within one function (docs/LINT.md, "Limits"), so it is
// this rule's error under sync, not the dead-code note of a timer only its goroutine receives.
package relay

import "time"

func waitThenWatch(d time.Duration, quit chan struct{}) {
	t := time.NewTimer(d)
	<-t.C
	go func() {
		<-quit
		if !t.Stop() {
			<-t.C // want sync-drain sync=error
		}
	}()
}
