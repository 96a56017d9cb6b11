// signal.NotifyContext's stop func, named stop, is called on the normal path only: the early
// return on a failed Listen leaves the signal handler installed. `defer stop()` after the
// statement; the existing stop() stays.
package daemon

import (
	"context"
	"net"
	"os"
	"os/signal"
)

// Run serves connections on addr one at a time until interrupted.
func Run(addr string, handle func(context.Context, net.Conn)) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	for ctx.Err() == nil {
		conn, err := ln.Accept()
		if err != nil {
			break
		}
		handle(ctx, conn)
	}
	stop()
	return nil
}
