// A ticker started after the function's last return: a debug report that returns at once unless
// verbose, and otherwise reports forever. Once the ticker exists the function never returns, so
// one ticker runs for the life of the process: no `tick-leak` (as staticcheck's SA1015 allows a
// function that never returns).
// Shape of dgraph-io/dgraph@64804bd2855465cdcb61aad52d27a9d793568aa1 conn/node.go:155.
package realcode

import (
	"log"
	"sync/atomic"
	"time"
)

type node struct{ beatsOut, beatsIn int64 }

func (n *node) reportComms(verbose bool) {
	if !verbose {
		return
	}
	ticker := time.Tick(time.Second)

	for range ticker {
		out := atomic.SwapInt64(&n.beatsOut, 0)
		in := atomic.SwapInt64(&n.beatsIn, 0)
		log.Printf("heartbeats out: %d, in: %d", out, in)
	}
}
