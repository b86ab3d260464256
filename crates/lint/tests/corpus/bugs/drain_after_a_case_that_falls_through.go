// `case <-timer.C:` falls through to code after the select that drains the timer with `if
// !timer.Stop() { <-timer.C }`: the value was just received, Stop returns false, and the drain
// waits forever. The Reset in the other case (a batch's first delivery) is not on that path.
// Shape of wellle/rmq PR #19 (the batch consumer hung after its first timeout batch).
package bugs

import "time"

func batchConsume(deliveries <-chan int, batchSize int, timeout time.Duration, consume func([]int)) {
	batch := []int{}
	timer := time.NewTimer(timeout)
	timer.Stop()
	for {
		select {
		case <-timer.C:
			// consume the batch below
		case d, ok := <-deliveries:
			if !ok {
				return
			}
			batch = append(batch, d)
			if len(batch) == 1 {
				timer.Reset(timeout) // want reset-without-drain async=error async-collected=error
			}
			if len(batch) < batchSize {
				continue
			}
		}
		consume(batch)
		batch = batch[:0]
		if !timer.Stop() {
			<-timer.C // want blocking-drain async=error async-collected=error sync=error
		}
	}
}

// Made anew after the select on every path, before the drain of the same iteration: Stop finds
// the new timer armed and the drain does not run (no blocking-drain); since Go 1.23 it is dead.
func remadeBeforeTheDrain(events <-chan int, d time.Duration, handle func(int), flush func()) {
	timer := time.NewTimer(d)
	for {
		select {
		case <-timer.C:
			flush()
		case e := <-events:
			handle(e)
		}
		timer.Stop()
		timer = time.NewTimer(d)
		if len(events) > 100 {
			if !timer.Stop() {
				<-timer.C // want sync-drain sync=note
			}
			flush()
		}
	}
}
