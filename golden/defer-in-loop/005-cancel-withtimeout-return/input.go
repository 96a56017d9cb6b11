// defer cancel() in a loop: every job's context and timer live until RunAll returns.
// ctx is only passed to a call (not to a go statement, not stored or returned): call cancel()
// before the return and at the end of the iteration.
package jobs

import (
	"context"
	"time"
)

// RunAll runs each job with its own timeout and stops at the first error.
func RunAll(parent context.Context, jobs []func(context.Context) error, d time.Duration) error {
	for _, job := range jobs {
		ctx, cancel := context.WithTimeout(parent, d)
		defer cancel()
		if err := job(ctx); err != nil {
			return err
		}
	}
	return nil
}
