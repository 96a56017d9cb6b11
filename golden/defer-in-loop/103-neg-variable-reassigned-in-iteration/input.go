// nats-server events_test.go:1078: one variable holds two connections in turn, each deferred;
// the first must still be released when the second replaces it.
package golden

import "net"

func pairs(a, b string, n int) error {
	for i := 0; i < n; i++ {
		c, err := net.Dial("tcp", a)
		if err != nil {
			return err
		}
		defer c.Close()
		c, err = net.Dial("tcp", b)
		if err != nil {
			return err
		}
		defer c.Close()
		if _, err := c.Write([]byte("x")); err != nil {
			return err
		}
	}
	return nil
}
