// ctx is handed to a goroutine (`go watch(ctx, n)`): calling cancel() at the end of the iteration
// would stop that goroutine at once, while the defer keeps it running until StartAll returns.
// Kept past the iteration: the defer is right, nothing is reported.
package watch

import (
	"context"
	"time"
)

// StartAll runs one watcher per name for d; they all stop when StartAll returns.
func StartAll(parent context.Context, names []string, watch func(context.Context, string), d time.Duration) {
	for _, n := range names {
		ctx, cancel := context.WithCancel(parent)
		defer cancel()
		go watch(ctx, n)
	}
	time.Sleep(d)
}
