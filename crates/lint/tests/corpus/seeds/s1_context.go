// S1, variant context: context.WithTimeout per iteration, cancelled when the iteration ends.
package server

import (
	"context"
	"time"
)

type conn struct {
	open     bool
	readChan chan []byte
}

func (c *conn) handle(msg []byte) {}
func (c *conn) ping()             {}

func (c *conn) serve(parent context.Context) {
	for c.open {
		ctx, cancel := context.WithTimeout(parent, 3*time.Second)
		select {
		case msg := <-c.readChan:
			c.handle(msg)
		case <-ctx.Done():
			c.ping()
		}
		cancel()
	}
}
