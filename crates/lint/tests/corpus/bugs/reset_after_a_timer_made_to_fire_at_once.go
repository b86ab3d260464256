// `time.NewTimer(0)` fires at once. Reset before anything received that value and, before Go
// 1.23, it still waits in the channel: the first wait after the Reset returns at once. Shape of
// shoenig/test@57724a93df9a7b96073b8da44a2e77de8d1c5667 wait/wait.go (the fix of PR #85 brought it in).
package bugs

import (
	"context"
	"time"
)

func retry(ctx context.Context, f func() bool, gap time.Duration) bool {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		if f() {
			return true
		}
		timer.Reset(gap) // want reset-without-drain async=error async-collected=error
		select {
		case <-ctx.Done():
			return false
		case <-timer.C:
		}
	}
}
