// A `*time.Timer` field holding an AfterFunc timer, stopped and "drained" right after creation:
// its C is nil and Stop says whether f started, so the drain idiom is not about a value at all
// (and here it never runs: Stop is true). Neither drain rule reports it.
// Shape of tailscale/tailscale@de9ec7ee25627e0e518f53c710a3fc3d947c86c1 net/wsconn/wsconn.go:72.
package realcode

import (
	"math"
	"sync/atomic"
	"time"
)

type conn struct {
	writeTimer *time.Timer
	expired    atomic.Bool
}

func newConn() *conn {
	c := &conn{}
	c.writeTimer = time.AfterFunc(math.MaxInt64, func() { c.expired.Store(true) })
	if !c.writeTimer.Stop() {
		<-c.writeTimer.C
	}
	return c
}
