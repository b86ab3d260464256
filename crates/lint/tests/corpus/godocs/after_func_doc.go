// AfterFunc, as documented: the timer's channel is nil, so Reset and Stop need no drain.
package clock

import "time"

func debounce(events <-chan struct{}, flush func()) {
	t := time.AfterFunc(time.Hour, flush)
	t.Stop()
	for range events {
		t.Reset(100 * time.Millisecond)
	}
}
