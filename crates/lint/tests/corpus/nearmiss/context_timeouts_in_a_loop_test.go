// A test that makes a context with a timeout per round and defers its cancel: the test ends, and
// its contexts with it. And a library's own WithTimeout, not package context's.
package nearmiss

import (
	"context"
	"testing"
	"time"
)

func TestPollsUntilReady(t *testing.T) {
	ready := make(chan struct{})
	close(ready)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		select {
		case <-ready:
			return
		case <-ctx.Done():
			t.Log("retrying")
		}
	}
}
