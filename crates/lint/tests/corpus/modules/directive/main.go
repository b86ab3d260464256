//go:debug asynctimerchan=1

// A command built with Go 1.24 that asks for the old timer channels.
package main

func main() {
	serve(nil, nil)
}
