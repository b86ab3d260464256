// The timeout case sets the counter short of the bound, or to a bound the loop goes past: the
// loop goes on selecting on a deadline that has fired.
package relay

import "time"

func collectAgain(addrs []string, results <-chan string, timeout time.Duration) {
	collected := 0
	timeoutChan := time.After(timeout) // want hoisted-after async=note async-collected=note sync=note
	for collected < len(addrs) {
		select {
		case <-results:
			collected++
		case <-timeoutChan:
			collected = len(addrs) - 1
		}
	}
}

func collectPastTheBound(addrs []string, results <-chan string, timeout time.Duration) {
	collected := 0
	timeoutChan := time.After(timeout) // want hoisted-after async=note async-collected=note sync=note
	for collected <= len(addrs) {
		select {
		case <-results:
			collected++
		case <-timeoutChan:
			collected = len(addrs)
		}
	}
}

// Set to one bound, compared with another.
func collectUpToMax(addrs []string, max int, results <-chan string, timeout time.Duration) {
	collected := 0
	timeoutChan := time.After(timeout) // want hoisted-after async=note async-collected=note sync=note
	for max > collected {
		select {
		case <-results:
			collected++
		case <-timeoutChan:
			collected = len(addrs)
		}
	}
}
