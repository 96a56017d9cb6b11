// Both connections are returned inside a slice: the caller owns them. The first one is
// closed explicitly on the path where the second dial fails.
package pair

import "net"

// Dial2 connects to a and b.
func Dial2(a, b string) ([]net.Conn, error) {
	c1, err := net.Dial("tcp", a)
	if err != nil {
		return nil, err
	}
	c2, err := net.Dial("tcp", b)
	if err != nil {
		c1.Close()
		return nil, err
	}
	return []net.Conn{c1, c2}, nil
}
