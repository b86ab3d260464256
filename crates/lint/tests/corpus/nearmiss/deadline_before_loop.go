// A time.After before the loop used as a deadline on purpose: the loop ends when it fires, or
// the channel is disabled once it fired.
package near

import "time"

func collect(in <-chan int) []int {
	var got []int
	deadline := time.After(5 * time.Second)
	for {
		select {
		case v := <-in:
			got = append(got, v)
		case <-deadline:
			return got
		}
	}
}

func warnOnce(in <-chan int, handle func(int)) {
	slow := time.After(time.Minute)
	for {
		select {
		case v := <-in:
			handle(v)
		case <-slow:
			println("slow start")
			slow = nil
		}
	}
}
