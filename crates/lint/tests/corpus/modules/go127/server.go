// A library on Go 1.27.3, the newest series timerlab knows.
package server

import "time"

func serve(in <-chan []byte, handle func([]byte)) {
	for {
		select {
		case b := <-in:
			handle(b)
		case <-time.After(3 * time.Second):
			println("idle")
		}
	}
}

func consume(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		t.Reset(d)
		select {
		case <-in:
		case <-t.C:
			println("timeout")
		}
	}
}
