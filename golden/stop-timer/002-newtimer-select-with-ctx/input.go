// A timer raced against ctx.Done(): when ctx wins, the timer stays live until it fires
// (before Go 1.23). `defer t.Stop()` after creation.
package backoff

import (
	"context"
	"time"
)

// Sleep waits for d, or until ctx is done.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
