// The connection is captured by a goroutine that closes it when the copy ends.
package proxy

import (
	"io"
	"net"
)

// Forward copies src to a new connection to addr in the background.
func Forward(src net.Conn, addr string) error {
	dst, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	go func() {
		defer dst.Close()
		io.Copy(dst, src)
	}()
	return nil
}
