// time.Tick in package main: the program's own lifetime.
package main

import "time"

func status() {
	for range time.Tick(time.Second) {
		println("up")
		return
	}
}

func main() {
	status()
}

// A few rounds, each with its own ticker: a known number of tickers for the process's life.
func warmUp(rounds int) {
	for i := 0; i < rounds; i++ {
		<-time.Tick(10 * time.Millisecond)
	}
}
