// A TCP connection that is never closed. A connection is not a file: plain defer.
package send

import "net"

// Send writes msg to addr.
func Send(addr string, msg []byte) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write(msg)
	return err
}
