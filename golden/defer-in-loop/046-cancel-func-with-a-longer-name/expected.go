// `defer cancelFn()` in a loop (found by the grammar fuzzer): the rule knows every func whose
// name starts with cancel or stop, and so must the prefilter that decides, from the bytes
// alone, whether the rule runs at all; it only knew `cancel(` and `stop(`.
package jobs

import (
	"context"
	"time"
)

// RunAll runs each job with its own timeout and stops at the first error.
func RunAll(parent context.Context, jobs []func(context.Context) error, d time.Duration) error {
	for _, job := range jobs {
		ctx, cancelFn := context.WithTimeout(parent, d)
		if err := job(ctx); err != nil {
			cancelFn()
			return err
		}
		cancelFn()
	}
	return nil
}
