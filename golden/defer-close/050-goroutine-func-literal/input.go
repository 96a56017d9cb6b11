// The connection is acquired inside a goroutine's function literal: the defer goes inside
// the literal, after its error check.
package pinger

import "net"

// Start pings addr in the background and reports the result on done.
func Start(addr string, done chan<- error) {
	go func() {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			done <- err
			return
		}
		_, err = conn.Write([]byte("ping\n"))
		done <- err
	}()
}
