// On the early return a goroutine goes on with the context. Moving `defer cancel()` above that
// return would stop it when the function returns: reported, not fixed.
package jobs

import (
	"context"
	"time"
)

// Run runs job within d, in the background when detached.
func Run(parent context.Context, detached bool, d time.Duration, job func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(parent, d)
	if detached {
		go job(ctx)
		return nil
	}
	defer cancel()
	return job(ctx)
}
