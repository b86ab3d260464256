// Reset on a Ticker to a new period (a schedule change, not a postponement), or on an AfterFunc
// timer (nil channel), is not a channel timer's Reset.
package near

import "time"

func ticker(in <-chan time.Duration) {
	tk := time.NewTicker(time.Second)
	defer tk.Stop()
	for {
		select {
		case d := <-in:
			tk.Reset(d)
		case <-tk.C:
		}
	}
}

func afterFunc(in <-chan int, f func()) {
	t := time.AfterFunc(time.Second, f)
	for range in {
		t.Reset(time.Second)
	}
}
