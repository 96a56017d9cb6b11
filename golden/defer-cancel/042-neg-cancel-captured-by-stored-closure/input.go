// The cancel func is captured by closures that are not invoked in place: one registered with
// the server to run at shutdown, one returned as the stop func.
package serve

import (
	"context"
	"net"
	"net/http"
)

// Start serves srv in the background with a base context cancelled at shutdown, and
// returns a func that stops it.
func Start(parent context.Context, srv *http.Server) (stop func()) {
	ctx, cancel := context.WithCancel(parent)
	srv.BaseContext = func(net.Listener) context.Context { return ctx }
	srv.RegisterOnShutdown(func() { cancel() })
	go func() { _ = srv.ListenAndServe() }()
	stop = func() {
		cancel()
		_ = srv.Shutdown(context.Background())
	}
	return stop
}
