// Loops over a number of rounds, however it is spelled: each leaves at most that many timers.
package relay

import "time"

func byLen(xs []int, in <-chan int) {
	for i := range len(xs) {
		select {
		case <-in:
		case <-time.After(time.Duration(i) * time.Second):
		}
	}
}

func byArithmetic(n int, in <-chan int) {
	for range n - 1 {
		select {
		case <-in:
		case <-time.After(time.Second):
		}
	}
}

func byConst(in <-chan int) {
	for range rounds {
		select {
		case <-in:
		case <-time.After(time.Second):
		}
	}
}

func byVar(in <-chan int) {
	var tries = 5
	for range tries {
		select {
		case <-in:
		case <-time.After(time.Second):
		}
	}
}

// A parameter's integer type, a string, and names declared from others of those kinds.
func byDeclaredKinds(n int, xs []string, in <-chan int) {
	for range n {
		select {
		case <-in:
		case <-time.After(time.Second):
		}
	}
	for range "abc" {
		select {
		case <-in:
		case <-time.After(time.Second):
		}
	}
	m := n
	for range m {
		select {
		case <-in:
		case <-time.After(time.Second):
		}
	}
	ys := xs
	for range ys {
		select {
		case <-in:
		case <-time.After(time.Second):
		}
	}
}

// Declared after its use: a package's declarations hold in any order.
const rounds = 3
