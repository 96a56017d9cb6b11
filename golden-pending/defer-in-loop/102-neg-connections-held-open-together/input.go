// nats-server monitor_test.go:6293 and others: the loop opens connections that must all be
// open together (the code after the loop counts them on the server); the defer in the loop is
// what the test means, and closing each at the end of its iteration changes the result.
package golden

import (
	"fmt"
	"net"
)

func holdOpen(ln net.Listener, accepted func() int, n int) error {
	for i := 0; i < n; i++ {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			return err
		}
		defer c.Close()
	}
	if got := accepted(); got != n {
		return fmt.Errorf("server holds %d connections, want %d", got, n)
	}
	return nil
}
