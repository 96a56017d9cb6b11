// ctx, _ = signal.NotifyContext(ctx, ...) with plain `=` (found by the grammar fuzzer): the
// declaration added for the stop func must name its type in package context, where it is
// declared (`signal.CancelFunc` does not exist).
package worker

import (
	"context"
	"os"
	"os/signal"
)

// Run calls step until it fails or an interrupt arrives.
func Run(ctx context.Context, step func(context.Context) error) error {
	ctx, _ = signal.NotifyContext(ctx, os.Interrupt)
	for ctx.Err() == nil {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}
