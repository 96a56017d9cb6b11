// context.WithDeadline with the cancel func discarded: the deadline timer outlives the call
// when a step fails early. Name it and defer it.
package batch

import (
	"context"
	"time"
)

// RunUntil runs the steps under one deadline and stops at the first error.
func RunUntil(parent context.Context, at time.Time, steps []func(context.Context) error) error {
	ctx, _ := context.WithDeadline(parent, at)
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}
