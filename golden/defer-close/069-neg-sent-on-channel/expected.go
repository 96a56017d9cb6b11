// The connection is sent on a channel: the receiver owns it.
package pool

import "net"

// Fill dials addr and hands the connection to the pool.
func Fill(addr string, pool chan<- net.Conn) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	pool <- conn
	return nil
}
