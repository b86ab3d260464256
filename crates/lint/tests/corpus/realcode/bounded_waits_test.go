// Waits in tests: the timers live no longer than the test, and most loops run a fixed number of
// times. after-in-loop does not look at test files.
// Shape of the after-in-loop findings in nats-io/nats-server@1787eee035cf0253c201fa0f05afad92b6f296dc
// server/*_test.go and etcd-io/etcd@c34dc7ee0048fd2bcc44d50beff002e5e8069b69 tests/.
package realcode

import (
	"testing"
	"time"
)

func TestEveryReplyArrives(t *testing.T) {
	replies := make(chan int, 3)
	for range 3 {
		select {
		case <-replies:
		case <-time.After(time.Second):
			t.Fatal("no reply")
		}
	}
}
