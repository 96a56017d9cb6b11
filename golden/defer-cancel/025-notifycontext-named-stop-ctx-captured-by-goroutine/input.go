// signal.NotifyContext's stop func, named stop, is called only when Accept fails: the early
// return on a failed Listen leaves the signal handler installed, and a `defer stop()` would fix
// it. But ctx is captured by a goroutine that may outlive the call: stopping it on return could
// cut that goroutine off, so leakfix reports instead of rewriting.
package daemon

import (
	"context"
	"net"
	"os"
	"os/signal"
)

// Run accepts connections on addr until interrupted.
func Run(addr string, handle func(net.Conn)) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		ln.Close()
	}()
	for {
		conn, err := ln.Accept()
		if err != nil {
			stop()
			return nil
		}
		go handle(conn)
	}
}
