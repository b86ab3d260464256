// A deferred Stop-and-drain after a select that may itself have received the timer: on that
// path Stop returns false and the drain blocks forever, in every behaviour (golang/go#27169; a
// `sync-drain` only, in sync, until the deferred literal was followed to the function's end).
// Shape of etcd-io/etcd@c34dc7ee0048fd2bcc44d50beff002e5e8069b69
// client/pkg/transport/listener_test.go:654.
package realcode

import "time"

func awaitHandshake(done <-chan error, d time.Duration) error {
	timer := time.NewTimer(d)
	defer func() {
		if !timer.Stop() {
			<-timer.C // want blocking-drain async=error async-collected=error sync=error
		}
	}()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return nil
	}
}
