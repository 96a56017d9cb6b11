// signal.NotifyContext with its stop func discarded, outside main: the signal registration
// stays installed after Serve returns (later interrupts no longer kill the process). Name the
// func cancel (the rule's fresh name) and defer it.
package server

import (
	"context"
	"net/http"
	"os"
	"os/signal"
)

// Serve runs srv until it fails or an interrupt arrives, then shuts it down.
func Serve(srv *http.Server) error {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return srv.Shutdown(context.Background())
	}
}
