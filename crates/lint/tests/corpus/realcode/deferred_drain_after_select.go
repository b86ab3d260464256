// A deferred Stop-and-drain after a select that may itself have received the timer: on that
// path Stop returns false and the drain blocks forever; since Go 1.23 that is the only way the
// drain runs.
// Shape of etcd-io/etcd@c34dc7ee0048fd2bcc44d50beff002e5e8069b69
// client/pkg/transport/listener_test.go:654.
package realcode

import "time"

func awaitHandshake(done <-chan error, d time.Duration) error {
	timer := time.NewTimer(d)
	defer func() {
		if !timer.Stop() {
			<-timer.C // want sync-drain sync=error
		}
	}()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return nil
	}
}
