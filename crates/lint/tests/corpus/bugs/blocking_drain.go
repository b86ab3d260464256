// The blocking drain after the value may already have been received (golang/go#27169).
package relay

import "time"

func loop(in <-chan int, t *time.Timer, d time.Duration) {
	for {
		select {
		case <-t.C:
			println("timeout")
		case <-in:
		}
		if !t.Stop() {
			<-t.C // want blocking-drain async=error async-collected=error sync=error
		}
		t.Reset(d)
	}
}

func once(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	select {
	case <-t.C:
		println("timeout")
	case <-in:
	}
	if !t.Stop() {
		<-t.C // want blocking-drain async=error async-collected=error sync=error
	}
}

func previousIteration(t *time.Timer, d time.Duration, work func()) {
	for {
		if !t.Stop() {
			<-t.C // want blocking-drain async=error async-collected=error sync=error
		}
		t.Reset(d)
		work()
		<-t.C
	}
}
