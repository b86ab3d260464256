// A timer made before the loop and handed, every iteration, to code that re-arms it (a helper
// taking it as an argument, a method given it in its own case, a helper a closure of the
// function defers): not a one-shot deadline.
// Shapes of docker/cli@28f756087eea5fa301f3fbf12b01ae62f91521c2 internal/oauth/api/api.go:101,
// temporalio/temporal@6805caea59e35d0611ed96be69641b8d86bff11c service/history/queues/queue_immediate.go:135
// and hyperledger/fabric-x-committer@5074b6d1a91e811a81cd2307c7761e89d708e1f0
// service/vc/validator_committer_service.go:315.
package realcode

import (
	"context"
	"time"
)

func rearm(t *time.Timer, d time.Duration) {
	if !t.Stop() {
		select {
		case <-t.C:
		default:
		}
	}
	t.Reset(d)
}

func poll(ctx context.Context, d time.Duration, try func() bool) error {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		rearm(t, d)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			if try() {
				return nil
			}
		}
	}
}

type poller struct{ quit, notify chan struct{} }

func (p *poller) onPoll(t *time.Timer) { t.Reset(time.Second) }

func (p *poller) loop(work func()) {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	for {
		select {
		case <-p.quit:
			return
		case <-p.notify:
			work()
		case <-t.C:
			p.onPoll(t)
		}
	}
}

func resetBatchTimer(t *time.Timer, d time.Duration) {
	if !t.Stop() {
		select {
		case <-t.C:
		default:
		}
	}
	t.Reset(d)
}

func batch(in <-chan int, done <-chan struct{}, out func([]int), d time.Duration) {
	var buf []int
	timer := time.NewTimer(d)
	defer timer.Stop()
	flush := func() {
		defer resetBatchTimer(timer, d)
		if len(buf) == 0 {
			return
		}
		out(buf)
		buf = nil
	}
	for {
		select {
		case <-done:
			return
		case <-timer.C:
			flush()
		case v := <-in:
			buf = append(buf, v)
			if len(buf) >= 100 {
				flush()
			}
		}
	}
}
