// The timer's own case replaces it with a new one: a periodic flush, not a deadline that fired
// once.
// Shape of temporalio/temporal@6805caea59e35d0611ed96be69641b8d86bff11c service/matching/task_reader.go:139.
package realcode

import (
	"context"
	"time"
)

func pump(ctx context.Context, signal <-chan struct{}, d time.Duration, read, save func()) {
	ack := time.NewTimer(d)
	defer ack.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-signal:
			read()
		case <-ack.C:
			save()
			ack = time.NewTimer(d)
		}
	}
}
