// for range: one timeout per job.
package relay

import "time"

func collect(jobs []int, results <-chan int) (sum int) {
	for range jobs {
		select {
		case r := <-results:
			sum += r
		case <-time.After(5 * time.Second): // want after-in-loop async=error async-collected=note sync=note
		}
	}
	return sum
}
