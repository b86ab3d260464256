// The import path written as a raw string: still package time.
package relay

import (
	`fmt`
	`time`
)

func forward(in <-chan string) {
	for {
		select {
		case s := <-in:
			fmt.Println(s)
		case <-time.After(time.Minute): // want after-in-loop async=error async-collected=note sync=note
		}
	}
}
