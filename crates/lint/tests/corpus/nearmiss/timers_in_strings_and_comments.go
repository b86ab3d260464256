// Timer code in comments and strings is not code:
//
//	for { select { case <-time.After(time.Second): } }
package near

import "time"

const doc = "for { select { case <-c: case <-time.After(time.Second): } }"

func now() time.Time { return time.Now() }
