// testify's `assert.FailNowf` (like `require.Failf` and `t.FailNow`) ends the goroutine: the
// deadline case never lets the loop select on the fired timer again, so it is a deadline on
// purpose, not a `hoisted-after` idle timeout.
// Shape of stackrox/collector@fad6d476824ade914185b5d345e9211e55711c8b
// integration-tests/pkg/mock_sensor/expect_conn.go:65.
package realcode

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func expectN(t *testing.T, live <-chan int, n int, timeout time.Duration) {
	timer := time.After(timeout)
	got := 0
	for {
		select {
		case <-timer:
			assert.FailNowf(t, "timed out", "found %d (expected %d)", got, n)
		case <-live:
			got++
			if got == n {
				return
			}
		}
	}
}

func requireN(t *testing.T, live <-chan int, n int, timeout time.Duration) {
	timer := time.After(timeout)
	got := 0
	for {
		select {
		case <-timer:
			require.Failf(t, "timed out", "found %d (expected %d)", got, n)
		case <-live:
			got++
			if got == n {
				return
			}
		}
	}
}
