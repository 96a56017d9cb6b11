// Two `ctx, _ =` in one function: each gets its own var, cancel then cancel1 (a second
// `var cancel` in the same block would not compile). Two findings.
package stages

import (
	"context"
	"time"
)

// Run runs the fast stage within a second, then the slow one within two seconds of its own
// (detached from the first deadline).
func Run(ctx context.Context, fast, slow func(context.Context) error) error {
	var cancel context.CancelFunc
	ctx, cancel = context.WithTimeout(ctx, time.Second)
	defer cancel()
	if err := fast(ctx); err != nil {
		return err
	}
	var cancel1 context.CancelFunc
	ctx, cancel1 = context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	defer cancel1()
	return slow(ctx)
}
