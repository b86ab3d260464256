// S1, variant leaky: the comm server's read loop with a 3 s idle check per iteration.
package server

import "time"

type conn struct {
	open     bool
	readChan chan []byte
}

func (c *conn) handle(msg []byte) {}
func (c *conn) ping()             {}

func (c *conn) serve() {
	for c.open {
		select {
		case msg := <-c.readChan: // messages from the client
			c.handle(msg)
		case <-time.After(3 * time.Second): // want after-in-loop async=error async-collected=note sync=note
			c.ping()
		}
	}
}
