// The drain idiom behind a guard that only says the timer exists is still the drain idiom.
package relay

import "time"

type batcher struct{ timer *time.Timer }

func (b *batcher) stop() {
	if b.timer != nil && !b.timer.Stop() {
		<-b.timer.C // want sync-drain sync=error
	}
}

func (b *batcher) loop(in <-chan int, done <-chan struct{}) {
	for {
		select {
		case <-b.timer.C:
		case <-in:
		case <-done:
			if b.timer != nil && !b.timer.Stop() {
				<-b.timer.C // want blocking-drain async=error async-collected=error sync=error
			}
			return
		}
	}
}
