// time.After inside function literals that run once: called in place outside a loop, or the
// loop's body is behind a break.
package near

import "time"

func once(in <-chan int) {
	func() {
		select {
		case <-in:
		case <-time.After(time.Second):
		}
	}()
}

func firstOnly(in <-chan int) {
	for {
		func() {
			select {
			case <-in:
			case <-time.After(time.Second):
			}
		}()
		break
	}
}
