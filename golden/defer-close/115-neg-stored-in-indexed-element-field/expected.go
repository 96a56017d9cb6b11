// A connection stored into `g.connections[i].conn` (a field of an element of a receiver's
// slice) is handed over: it outlives the call on purpose. The variable is declared in the
// block around the acquisition; nothing to report.
package pool

import "net"

type slot struct{ conn net.Conn }

type group struct{ connections []slot }

func (g *group) connect(addr string) error {
	var err error
	for i := range g.connections {
		if g.connections[i].conn == nil {
			var conn net.Conn
			if conn, err = net.Dial("tcp", addr); err != nil {
				return err
			}
			g.connections[i].conn = conn
		}
	}
	return err
}

func (g *group) redial(addr string, i int) error {
	var conn net.Conn
	var err error
	if i >= 0 {
		conn, err = net.Dial("tcp", addr)
		if err != nil {
			return err
		}
	}
	g.connections[i].conn = conn
	return nil
}
