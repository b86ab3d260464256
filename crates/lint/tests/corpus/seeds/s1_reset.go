// S1, variant reset: one timer per connection; on each message Stop, drain without blocking,
// Reset.
package server

import "time"

type conn struct {
	open     bool
	readChan chan []byte
}

func (c *conn) handle(msg []byte) {}
func (c *conn) ping()             {}

func (c *conn) serve() {
	t := time.NewTimer(3 * time.Second)
	defer t.Stop()
	for c.open {
		select {
		case msg := <-c.readChan:
			if !t.Stop() {
				select {
				case <-t.C:
				default:
				}
			}
			t.Reset(3 * time.Second)
			c.handle(msg)
		case <-t.C:
			c.ping()
			t.Reset(3 * time.Second)
		}
	}
}
