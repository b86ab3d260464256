// A `goto` back to a label at the top of the loop's body goes round the loop, it does not leave
// it (nor does one forward to a label later in the loop): the functions below never return, so
// each one's ticker lives as long as the process and is no `tick-leak`.
// Shape of dgraph-io/dgraph@64804bd2855465cdcb61aad52d27a9d793568aa1
// dgraph/cmd/zero/oracle.go:187 (sendDeltasToSubscribers).
package realcode

import "time"

type oracle struct {
	updates chan []int
	subs    []chan []int
}

func (o *oracle) sendDeltas(pending func() bool) {
	ticker := time.Tick(time.Second)
	for {
	getUpdate:
		var update []int
		select {
		case update = <-o.updates:
		case <-ticker:
			if pending() {
				goto getUpdate
			}
		}
		for _, s := range o.subs {
			s <- update
		}
	}
}

// A goto forward to a label later in the same endless loop stays in it too.
func (o *oracle) sendSkipping(pending func() bool) {
	ticker := time.Tick(time.Second)
	for {
		var update []int
		select {
		case update = <-o.updates:
		case <-ticker:
			if pending() {
				goto next
			}
		}
		for _, s := range o.subs {
			s <- update
		}
	next:
	}
}
