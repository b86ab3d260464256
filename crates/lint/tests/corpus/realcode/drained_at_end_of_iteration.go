// Every path back to the Reset passes the Stop and non-blocking drain at the end of the previous
// iteration.
// Shape of ipfs/boxo@8df89a787fac5f3e2dd37b045c4018197bfb805c mfs/repub.go:183 (the cleanup
// after the select) as the go-redis pubsub health check relies on it.
package realcode

import "time"

func publishLoop(updates <-chan int, stop <-chan struct{}, d time.Duration, publish func(int)) {
	t := time.NewTimer(d)
	last := 0
	for {
		t.Reset(d)
		select {
		case <-stop:
			return
		case v := <-updates:
			last = v
		case <-t.C:
			publish(last)
		}
		t.Stop()
		select {
		case <-t.C:
		default:
		}
	}
}
