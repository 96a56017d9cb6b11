// In a loop body, stop is called at the end of the iteration but not on the return, and
// that return's values mention ctx (context.Cause(ctx)): calling stop() before it would change
// the reported cause, so the finding is reported, not fixed. (signal.NotifyContext is used so
// that this unchanged file passes go vet's lostcancel check.)
package steps

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

// RunAll runs each step interruptibly and stops at the first failure.
func RunAll(parent context.Context, steps []func(context.Context) error) error {
	for i, step := range steps {
		ctx, stop := signal.NotifyContext(parent, os.Interrupt)
		if err := step(ctx); err != nil {
			return fmt.Errorf("step %d: %w (cause: %v)", i, err, context.Cause(ctx))
		}
		stop()
	}
	return nil
}
