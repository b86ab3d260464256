// `time.After(0)` fires at once: it is never left pending.
// Shape of hashicorp/raft@1837036daf50bd973bcb0f3fc536b2d451cebf5d raft.go:212.
package realcode

import "time"

func follower(notify <-chan struct{}, rpcs <-chan int, d time.Duration) {
	heartbeat := time.After(d)
	for {
		select {
		case <-rpcs:
		case <-notify:
			heartbeat = time.After(0)
		case <-heartbeat:
			heartbeat = time.After(d)
		}
	}
}
