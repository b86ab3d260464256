// A test's periodic `time.After` beside a faster ticker or `default:`: starved, but in a test the
// flow's reading of which case goes round is the least sure (a tick that ends in `t.Fatal`), and
// a timer lives no longer than the test, so nothing is reported — as for a test's deadline
// restarted by a ticker.
package nearmiss

import (
	"testing"
	"time"
)

func TestLogsProgressWhilePolling(t *testing.T) {
	poll := time.NewTicker(10 * time.Millisecond)
	defer poll.Stop()
	for n := 0; ; {
		select {
		case <-time.After(time.Second):
			t.Logf("still polling after %d rounds", n)
		case <-poll.C:
			n++
			if n == 100 {
				return
			}
		}
	}
}

func TestSpinsWithAProgressCase(t *testing.T) {
	for n := 0; ; n++ {
		select {
		case <-time.After(time.Second):
			t.Log("spinning")
		default:
			if n == 1000 {
				return
			}
		}
	}
}
