// A number computed with each iteration's context is added to a total: `+=` cannot carry the
// context past the iteration, so the deferred cancel becomes a cancel at every exit.
package total

import (
	"context"
	"time"
)

// Sum adds up measure(job) for every job, each under its own deadline.
func Sum(parent context.Context, jobs []int, measure func(context.Context, int) (int, error)) int {
	sum := 0
	for _, job := range jobs {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		defer cancel()
		v, err := measure(ctx, job)
		if err != nil {
			continue
		}
		sum += v
	}
	return sum
}
