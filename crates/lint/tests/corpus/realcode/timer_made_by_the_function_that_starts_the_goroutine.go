// The function makes the timer and starts the goroutine that owns it: the goroutine's only
// receive re-arms it, and its quit case drains. Nothing else in the file receives the channel,
// so since Go 1.23 the drain is dead code (a note), not a hang.
// Shape of lightningnetwork/lnd@90ea05d5a7f9239ede8eb4e2f36d9a66c39e67d5 rpcserver.go:910.
package realcode

import "time"

type rpcServer struct {
	evictor *time.Timer
	quit    chan struct{}
	purge   func()
}

func (r *rpcServer) start(d time.Duration) {
	r.evictor = time.NewTimer(d)
	go func() {
		for {
			select {
			case <-r.evictor.C:
				r.purge()
				r.evictor.Reset(d)
			case <-r.quit:
				if !r.evictor.Stop() {
					<-r.evictor.C // want sync-drain sync=note
				}
				return
			}
		}
	}()
}

// The same with a local variable.
func startLocal(d time.Duration, quit chan struct{}, purge func()) {
	t := time.NewTimer(d)
	go func() {
		for {
			select {
			case <-t.C:
				purge()
				t.Reset(d)
			case <-quit:
				if !t.Stop() {
					<-t.C // want sync-drain sync=note
				}
				return
			}
		}
	}()
}
