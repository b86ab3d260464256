// Collecting replies under one deadline: the timeout case sets the counter to the loop's bound,
// `collected = len(addrs)`, so `collected < len(addrs)` is false and the loop ends there, as a
// `return` in the case would: a deliberate deadline, no `hoisted-after`.
// Shape of rqlite/rqlite@df4edc42bada95cbe2c3445542020ea23a318827 cluster/client.go:661.
package realcode

import "time"

func collect(addrs []string, results <-chan string, timeout time.Duration) map[string]string {
	out := map[string]string{}
	collected := 0
	timeoutChan := time.After(timeout)
	for collected < len(addrs) {
		select {
		case r := <-results:
			out[r] = r
			collected++
		case <-timeoutChan:
			collected = len(addrs)
		}
	}
	return out
}

// Another variable set after the counter leaves what is known of the counter.
func collectTimed(addrs []string, results <-chan string, timeout time.Duration) bool {
	collected := 0
	timedOut := false
	timeoutChan := time.After(timeout)
	for collected < len(addrs) {
		select {
		case <-results:
			collected++
		case <-timeoutChan:
			collected = len(addrs)
			timedOut = true
		}
	}
	return timedOut
}
