// conn is assigned with `=` (declared by a var statement), not declared with := in the block:
// not form (a). Any other defer in a loop is reported only.
package send

import "net"

// Send tries up to tries times to write msg to addr.
func Send(addr string, msg []byte, tries int) error {
	var err error
	for i := 0; i < tries; i++ {
		var conn net.Conn
		conn, err = net.Dial("tcp", addr)
		if err != nil {
			continue
		}
		defer conn.Close()
		if _, err = conn.Write(msg); err == nil {
			return nil
		}
	}
	return err
}
