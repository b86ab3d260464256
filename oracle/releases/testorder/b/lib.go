// Package b reports the behaviour its test binary got: cap(t.C) is 1 for the buffered channels
// of asynctimerchan=1, 0 for Go 1.23's synchronous ones.
package b

import "time"

// Cap is the capacity of a new timer's channel.
func Cap() int { return cap(time.NewTimer(time.Hour).C) }
