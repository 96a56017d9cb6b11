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
	ctx, _ = context.WithTimeout(ctx, time.Second)
	if err := fast(ctx); err != nil {
		return err
	}
	ctx, _ = context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	return slow(ctx)
}
