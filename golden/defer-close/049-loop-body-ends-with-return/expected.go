// The loop body ends with a return: the close goes before it and nothing is appended after it.
package retry

import (
	"net"
	"time"
)

// SendRetry writes msg to addr, dialling up to tries times.
func SendRetry(addr string, msg []byte, tries int) error {
	var lastErr error
	for i := 0; i < tries; i++ {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			lastErr = err
			time.Sleep(time.Second)
			continue
		}
		_, err = conn.Write(msg)
		conn.Close()
		return err
	}
	return lastErr
}
