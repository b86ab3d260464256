// A new timer is started only in the case that received the last one, or only when the last one
// was received and its variable cleared: never one per iteration.
// Shape of hashicorp/raft@1837036daf50bd973bcb0f3fc536b2d451cebf5d raft.go:948,
// hashicorp/serf@a24f620f9e5b291f6d4610e275086250463eeb64 cmd/serf/command/agent/mdns.go:121 and
// serf/coalesce.go:58, IBM/sarama@bd98b3aec67780cf514f219ed0342c5c1d9e1b75 consumer.go:589.
package realcode

import "time"

func leaderLoop(events <-chan int, interval time.Duration) {
	lease := time.After(interval)
	for {
		select {
		case <-events:
			println("event")
		case <-lease:
			lease = time.After(interval)
		}
	}
}

func backoffLoop(trigger <-chan struct{}, quit <-chan struct{}, d time.Duration, dispatch func()) {
	var backoff <-chan time.Time
	for {
		select {
		case <-quit:
			return
		case <-trigger:
			if backoff == nil {
				backoff = time.After(d)
			}
		case <-backoff:
			backoff = nil
			dispatch()
		}
	}
}
