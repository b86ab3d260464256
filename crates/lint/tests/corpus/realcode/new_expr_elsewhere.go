// Go 1.26's `new(expr)` in one function must not hide the bugs of the others: the file used to
// be dropped with "unexpected \"uint64\"", and with it two after-in-loop bugs.
// Shape of etcd-io/etcd@c34dc7ee0048fd2bcc44d50beff002e5e8069b69 server/etcdserver/server.go:1741
// (new(expr)) and :2202, :2224 (the monitors).
package realcode

import "time"

type member struct {
	ID *uint64
}

func newMember(id uint64) member {
	return member{ID: new(uint64(id))}
}

func monitorVersions(changed <-chan struct{}, stopping <-chan struct{}, d time.Duration, update func()) {
	for {
		select {
		case <-changed:
		case <-time.After(d): // want after-in-loop async=error async-collected=note sync=note
		case <-stopping:
			return
		}
		update()
	}
}
