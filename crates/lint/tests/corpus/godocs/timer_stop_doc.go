// The drain idiom of the Timer.Stop documentation (before Go 1.23), used as documented:
// "assuming the program has not received from t.C already".
package clock

import "time"

func cancel(t *time.Timer) {
	if !t.Stop() {
		<-t.C // want sync-drain sync=error
	}
}
