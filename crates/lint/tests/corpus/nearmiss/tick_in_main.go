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
