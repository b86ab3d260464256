// for range over a channel of jobs: one pending timeout per job, and the jobs never end. (Over a
// slice the loop ends after len(jobs) rounds: realcode/range_over_slice.go.)
package relay

import "time"

func collect(jobs <-chan int, results <-chan int) (sum int) {
	for range jobs {
		select {
		case r := <-results:
			sum += r
		case <-time.After(5 * time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
	return sum
}

// A channel made in the function, and a bound that `||` does not enforce.
func drain(results <-chan int, more func() bool) (sum int) {
	queue := make(chan int, 8)
	for range queue {
		select {
		case r := <-results:
			sum += r
		case <-time.After(5 * time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
	for i := 0; i < 3 || more(); i++ {
		select {
		case r := <-results:
			sum += r
		case <-time.After(5 * time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
	return sum
}

// A channel copied into a name of its own (`ch := ch`, the pre-Go 1.22 loop variable copy): still
// a channel, and the lookup of what the name holds ends there.
func relayEach(chs []chan int, results <-chan int) (sum int) {
	for _, ch := range chs {
		ch := ch
		for range ch {
			select {
			case r := <-results:
				sum += r
			case <-time.After(5 * time.Second): // want after-in-loop async=error async-collected=note sync=note
			}
		}
	}
	return sum
}
