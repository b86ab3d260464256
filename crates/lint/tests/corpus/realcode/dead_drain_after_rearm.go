// The drain idiom in a case that did not receive the timer, in a loop whose timer case re-arms:
// correct before Go 1.23; since then Stop returns true for a fired, unreceived timer, so the
// drain is dead code — and on Go 1.23.0 and 1.23.1 it hung when Stop raced the firing.
// Shape of celestiaorg/celestia-node@b7702024993961da3903277460f970f6eb56f73b core/listener.go:159
// (fixed by celestia-node #4231) and ethereum/go-ethereum@02b73d4ea7181464175e0a6cbecc0a3a2655a562
// rpc/websocket.go:383 (go-ethereum #31425).
package realcode

import "time"

func listen(blocks <-chan int, done <-chan struct{}, d time.Duration, handle func(int)) {
	timeout := time.NewTimer(d)
	defer timeout.Stop()
	for {
		select {
		case b := <-blocks:
			handle(b)
			if !timeout.Stop() {
				<-timeout.C // want sync-drain sync=note
			}
		case <-timeout.C:
			println("stuck")
		case <-done:
			return
		}
		timeout.Reset(d)
	}
}
