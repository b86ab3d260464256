// A local closure stops and drains the timer; the case calls it before the Reset.
// Shape of prometheus/prometheus@d15adb9ad7e5d9fbde3a9a8f30200593a5a14d86
// storage/remote/queue_manager.go:1646.
package realcode

import "time"

func batcher(batches <-chan []int, d time.Duration, send func([]int)) {
	t := time.NewTimer(d)
	stop := func() {
		if !t.Stop() {
			select {
			case <-t.C:
			default:
			}
		}
	}
	defer stop()
	for {
		select {
		case b, ok := <-batches:
			if !ok {
				return
			}
			send(b)
			stop()
			t.Reset(d)
		case <-t.C:
			send(nil)
			t.Reset(d)
		}
	}
}
