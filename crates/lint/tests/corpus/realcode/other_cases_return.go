// The Reset starts each round, and the only way back to it is through the case that received the
// timer: every other case leaves. Nothing can be stale.
// Shape of etcd-io/etcd@c34dc7ee0048fd2bcc44d50beff002e5e8069b69 client/v3/lease.go:573,
// grpc/grpc-go@4793ad0474669eafbd5346c8a3d098fdfa542498 internal/backoff/backoff.go:99,
// nats-io/nats-server@1787eee035cf0253c201fa0f05afad92b6f296dc server/ocsp.go:329.
package realcode

import "time"

func sweep(done <-chan struct{}, d time.Duration, work func()) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		t.Reset(d)
		select {
		case <-t.C:
		case <-done:
			return
		}
		work()
	}
}

func retry(stop <-chan struct{}, attempt func() error, d time.Duration) {
	t := time.NewTimer(d)
	for attempt() != nil {
		t.Reset(d)
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}
