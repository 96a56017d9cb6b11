// go.mod says go 1.23: unreferenced timers and tickers are collected, so an unstopped
// NewTicker and time.After in a for-select are not leaks. Silent.
package modern

import (
	"context"
	"time"
)

// Poll calls check every interval until it reports done, ctx ends or a minute passes
// without progress.
func Poll(ctx context.Context, interval time.Duration, check func() bool) error {
	t := time.NewTicker(interval)
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			if check() {
				return nil
			}
		case <-time.After(time.Minute):
			return context.DeadlineExceeded
		}
	}
}
