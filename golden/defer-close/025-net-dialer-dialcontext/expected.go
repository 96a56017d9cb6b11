// d is a local *net.Dialer: d.DialContext returns a connection that must be closed.
package banner

import (
	"bufio"
	"context"
	"net"
	"time"
)

// Banner returns the first line the server at addr sends.
func Banner(ctx context.Context, addr string) (string, error) {
	d := &net.Dialer{Timeout: 3 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return "", err
	}
	return line, nil
}
