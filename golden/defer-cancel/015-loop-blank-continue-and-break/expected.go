// ctx, _ := in a loop body: no defer (one live timer per iteration until the function
// returns); the func is named and cancel() goes before the `continue` and the `break` that
// leave the iteration, and at the end of the body.
package probe

import (
	"context"
	"net"
	"time"
)

// Reachable returns up to max addresses that accept a TCP connection within a second.
func Reachable(parent context.Context, addrs []string, max int) []string {
	var d net.Dialer
	var ok []string
	for _, a := range addrs {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		conn, err := d.DialContext(ctx, "tcp", a)
		if err != nil {
			cancel()
			continue
		}
		conn.Close()
		ok = append(ok, a)
		if len(ok) == max {
			cancel()
			break
		}
		cancel()
	}
	return ok
}
