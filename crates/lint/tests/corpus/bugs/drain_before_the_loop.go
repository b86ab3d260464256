// The drain idiom before a loop that receives the channel: once in the loop, control never comes
// back to the drain, so only the drain of a timer handed in is left (the sync-drain error).
package relay

import "time"

func restart(t *time.Timer, d time.Duration, in <-chan int, handle func(int)) {
	if !t.Stop() {
		<-t.C // want sync-drain sync=error
	}
	t.Reset(d)
	for {
		select {
		case <-t.C:
			handle(0)
		case m := <-in:
			handle(m)
		}
	}
}
