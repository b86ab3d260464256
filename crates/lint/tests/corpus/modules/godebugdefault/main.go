// A command on Go 1.26 whose go.mod keeps every GODEBUG default of Go 1.22.
package main

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
func main() {}
