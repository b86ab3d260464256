// A wait per element of a slice: a range with two variables is never over a channel, and neither
// is one over something declared a slice, array, map or string (a parameter `[]T`, `make([]T,
// n)`, a literal), so the loop ends after len(exits) rounds and leaves at most that many timers.
// So does a counting clause whose condition has the count in a conjunction.
// Shapes of containerd/containerd@301026e58c619e63d09c0ec411012e54c0124b03 pkg/sys/reaper/reaper_unix.go:77
// and dapr/dapr@d8450742ce3260d93a2346f4398a1e60d019a45b tests/integration/suite/actors/healthz/deactivate-on-placement-fail.go:126,
// tests/integration/suite/scheduler/api/repeats.go:85,
// tests/integration/suite/daprd/workflow/loadbalance/churnstrand.go:138.
package realcode

import "time"

type exit struct{ pid int }

func notify(exits []exit, subscribers []chan exit, done <-chan struct{}) {
	for _, e := range exits {
		for _, s := range subscribers {
			select {
			case s <- e:
			case <-done:
				return
			case <-time.After(time.Second):
			}
		}
	}
}

func collect(invokedCh <-chan string, pending []string) []string {
	invoked := make([]string, 2)
	for i := range invoked {
		select {
		case invoked[i] = <-invokedCh:
		case <-time.After(5 * time.Second):
		}
	}
	exp := []string{"test1", "test1", "test2"}
	for range exp {
		select {
		case name := <-invokedCh:
			invoked = append(invoked, name)
		case <-time.After(2 * time.Second):
		}
	}
	for range pending {
		select {
		case name := <-invokedCh:
			invoked = append(invoked, name)
		case <-time.After(2 * time.Second):
		}
	}
	return invoked
}

func churn(done <-chan struct{}, deadline time.Time) {
	for cycle := 0; cycle < 12 && time.Now().Before(deadline); cycle++ {
		select {
		case <-time.After(300 * time.Millisecond):
		case <-done:
		}
	}
}
