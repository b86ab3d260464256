// time.After in a select that is in no loop: one timer per call, released when it fires.
package near

import "time"

func request(reply <-chan string) (string, bool) {
	select {
	case r := <-reply:
		return r, true
	case <-time.After(5 * time.Second):
		return "", false
	}
}
