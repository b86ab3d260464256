// A declaration the grammar does not accept yet (Go 1.27 accepts type parameters on methods) is
// skipped with a warning; the rest of the file is linted.
package realcode

import "time"

type box struct{}

func (b box) Map[T any](x T) T { return x }

func watchdog(beats <-chan struct{}, d time.Duration) {
	for {
		select {
		case <-beats:
		case <-time.After(d): // want after-in-loop async=error async-collected=note sync=note
			println("missed a beat")
		}
	}
}
