// S1, variant stop: NewTimer + defer Stop in every iteration. The iteration is a function, so
// the deferred Stop runs when the iteration ends.
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
		c.readOnce()
	}
}

func (c *conn) readOnce() {
	t := time.NewTimer(3 * time.Second)
	defer t.Stop()
	select {
	case msg := <-c.readChan:
		c.handle(msg)
	case <-t.C:
		c.ping()
	}
}

// The same with the iteration as a function literal called in place.
func (c *conn) serveInline() {
	for c.open {
		func() {
			t := time.NewTimer(3 * time.Second)
			defer t.Stop()
			select {
			case msg := <-c.readChan:
				c.handle(msg)
			case <-t.C:
				c.ping()
			}
		}()
	}
}
