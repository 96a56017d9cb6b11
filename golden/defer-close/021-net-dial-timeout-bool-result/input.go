// net.DialTimeout in a function that returns no error: plain defer.
package probe

import (
	"net"
	"time"
)

// Probe reports whether addr accepts TCP connections.
func Probe(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return false
	}
	return c.RemoteAddr() != nil
}
