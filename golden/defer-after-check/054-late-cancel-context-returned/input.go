// On the early return the context leaves the function (returned to the caller, who goes on
// using it). Moving `defer cancel()` above that return would cancel it there: reported, not
// fixed.
package jobs

import (
	"context"
	"time"
)

// Start returns a context for a detached job, or runs the job in place within d.
func Start(parent context.Context, detached bool, d time.Duration, job func(context.Context) error) (context.Context, error) {
	ctx, cancel := context.WithTimeout(parent, d)
	if detached {
		return ctx, nil
	}
	defer cancel()
	return nil, job(ctx)
}
