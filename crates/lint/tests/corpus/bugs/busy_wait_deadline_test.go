// In a test, a deadline restarted by a busy loop's `default:` never fires: the test spins until
// the runner kills it (cloudquery/plugin-sdk@88f08ee35601d98385f3f6da4c2a57cc3ce81bd5
// writers/streamingbatchwriter/streamingbatchwriter_test.go:384, PR #1076). The leak of a
// `time.After` per round is a test's own business; the hang is not.
package bugs

import (
	"testing"
	"time"
)

func waitForLength(t *testing.T, length func() int, want int) {
	for {
		select {
		case <-time.After(5 * time.Second): // want after-in-loop async=error async-collected=error sync=error
			t.Fatalf("still %d, want %d", length(), want)
		default:
			if length() == want {
				return
			}
		}
	}
}

// A ticker's case beside the deadline: in a test the tick usually ends it (a Fatal, a return)
// in ways the flow cannot relate, so only the busy loop is reported there.
func waitForTick(t *testing.T, tick <-chan time.Time, ready func() bool) {
	for {
		select {
		case <-tick:
			if ready() {
				return
			}
		case <-time.After(5 * time.Second):
			t.Fatal("not ready")
		}
	}
}
