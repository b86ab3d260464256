// The timer's case calls a method of the owner, but the method does not re-arm this timer (it
// re-arms another field, or only logs): the drain below waits for a value already received, in
// every behaviour. The near miss (realcode/timer_rearmed_by_a_method_of_its_owner.go) Resets it.
package bugs

import "time"

type batcher struct {
	timer  *time.Timer
	other  *time.Timer
	queue  chan int
	stopCh chan struct{}
	batch  []int
}

func (b *batcher) flush() {
	b.other.Reset(time.Second)
	b.batch = b.batch[:0]
}

// Another method re-arms the timer, but the loop does not call it.
func (b *batcher) restart() {
	b.timer.Reset(time.Second)
}

func (b *batcher) kick() {
	b.restart()
}

func (b *batcher) run() {
	for {
		select {
		case <-b.stopCh:
			return
		case <-b.timer.C:
			b.flush()
		case v := <-b.queue:
			b.batch = append(b.batch, v)
			if len(b.batch) >= 64 {
				if !b.timer.Stop() {
					<-b.timer.C // want blocking-drain async=error async-collected=error sync=error
				}
				b.flush()
			}
		}
	}
}
