// The drain idiom behind a method that only says the timer exists: `b.hasTimer() &&
// !b.timer.Stop()` is `b.timer != nil && !b.timer.Stop()`. Called from the message case of a
// loop whose timer case re-arms: right before Go 1.23, dead code since (Stop returns true for a
// fired, unreceived timer), and a hang on Go 1.23.0 and 1.23.1 when Stop raced the firing. An
// error, not a note: the timer is a field, and the method cannot see who received it.
// Shape of open-telemetry/opentelemetry-collector@934999fbab274d10cbf18704b4594a6fb2049887
// processor/batchprocessor/batch_processor.go:246.
package realcode

import "time"

type shard struct {
	timer   *time.Timer
	timeout time.Duration
	items   []int
	newItem chan int
	flush   func([]int)
}

func (b *shard) startLoop() {
	var timerCh <-chan time.Time
	if b.timeout != 0 {
		b.timer = time.NewTimer(b.timeout)
		timerCh = b.timer.C
	}
	for {
		select {
		case item := <-b.newItem:
			b.items = append(b.items, item)
			if len(b.items) >= 100 {
				b.flush(b.items)
				b.items = nil
				b.stopTimer()
				b.resetTimer()
			}
		case <-timerCh:
			b.flush(b.items)
			b.items = nil
			b.resetTimer()
		}
	}
}

func (b *shard) hasTimer() bool {
	return b.timer != nil
}

func (b *shard) stopTimer() {
	if b.hasTimer() && !b.timer.Stop() {
		<-b.timer.C // want sync-drain sync=error
	}
}

func (b *shard) resetTimer() {
	if b.hasTimer() {
		b.timer.Reset(b.timeout)
	}
}

// A method that says more than that the timer exists is the program's own bookkeeping: not the
// idiom, no `blocking-drain`. Since Go 1.23 a drain after a false Stop never receives, whatever
// else the condition checks: a `sync-drain` note.
func (b *shard) idle() bool {
	return b.timer != nil && len(b.items) == 0
}

func (b *shard) stopIfIdle() {
	if b.idle() && !b.timer.Stop() {
		<-b.timer.C // want sync-drain sync=note
	}
}

// Another shard's timer existing says nothing about this one's: not the idiom (the same note).
func (b *shard) stopBeside(other *shard) {
	if other.hasTimer() && !b.timer.Stop() {
		<-b.timer.C // want sync-drain sync=note
	}
}
