// A ticker that is never stopped keeps its runtime timer after Poll returns; before Go 1.23
// (default go.mod: go 1.22) it is never collected. `defer t.Stop()` after creation.
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
