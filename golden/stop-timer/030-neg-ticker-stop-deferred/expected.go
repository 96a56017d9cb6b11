// The ticker is already stopped by a defer: nothing to do.
package poll

import (
	"context"
	"time"
)

// Poll calls check every interval until it reports done or ctx ends.
func Poll(ctx context.Context, interval time.Duration, check func() bool) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			if check() {
				return nil
			}
		}
	}
}
