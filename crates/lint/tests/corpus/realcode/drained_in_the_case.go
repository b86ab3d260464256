// The case that wins over the timer drains it before the loop comes back to the Reset: with a
// non-blocking select, or with the Stop-and-drain idiom (dead code since Go 1.23, a sync note).
// Shape of redis/go-redis@216593cc01faa029006266a5f1fc3d5004312ecf pubsub.go:722 and :840.
package realcode

import "time"

func healthCheck(ping <-chan struct{}, exit <-chan struct{}, d time.Duration, check func()) {
	t := time.NewTimer(time.Minute)
	t.Stop()
	for {
		t.Reset(d)
		select {
		case <-ping:
			select {
			case <-t.C:
			default:
			}
		case <-t.C:
			check()
		case <-exit:
			return
		}
	}
}

func forward(in <-chan string, out chan<- string, d time.Duration) {
	t := time.NewTimer(time.Minute)
	t.Stop()
	for msg := range in {
		t.Reset(d)
		select {
		case out <- msg:
			if !t.Stop() {
				<-t.C // want sync-drain sync=note
			}
		case <-t.C:
			println("dropped", msg)
		}
	}
}
