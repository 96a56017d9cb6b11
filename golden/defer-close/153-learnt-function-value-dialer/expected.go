// A function value whose type says it returns a net.Conn: the connection is closed.
package golden

import (
	"context"
	"net"
)

func ping(ctx context.Context, dialer func(context.Context) (net.Conn, error)) error {
	conn, err := dialer(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write([]byte("ping\n"))
	return err
}
