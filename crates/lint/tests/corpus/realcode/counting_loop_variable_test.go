// N replies collected under one deadline: `for range N` with N a number runs N rounds, so the
// hoisted deadline is a deadline for all of them, not an idle timeout.
// Shape of libp2p/go-libp2p@0d90292576f8f68f54e3ef05ee688581ee4df913 p2p/net/swarm/dial_test.go:293.
package realcode

import (
	"testing"
	"time"
)

func TestReplies(t *testing.T) {
	n := 10
	replies := make(chan bool, n)
	deadline := time.After(time.Second)
	for range n {
		select {
		case ok := <-replies:
			if !ok {
				t.Error("failed")
			}
		case <-deadline:
			t.Error("took too long")
		}
	}
}
