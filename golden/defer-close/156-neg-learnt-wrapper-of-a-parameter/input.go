// A constructor that wraps a connection the caller owns: its Close may close that connection
// too, so whether this function may close it cannot be told. Nothing is rewritten.
package golden

import (
	"fmt"
	"net"
)

type Framed struct {
	c net.Conn
}

func (f *Framed) Close() error { return f.c.Close() }

func NewFramed(c net.Conn) (*Framed, error) { return &Framed{c: c}, nil }

func greet(conn net.Conn) error {
	fr, err := NewFramed(conn)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(fr.c, "hello")
	return err
}
