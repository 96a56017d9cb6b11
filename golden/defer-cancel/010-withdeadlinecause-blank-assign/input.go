// ctx, _ = context.WithDeadlineCause(...): WithDeadlineCause (like WithTimeoutCause) returns a
// plain context.CancelFunc (only WithCancelCause returns a CancelCauseFunc), so that is the
// type of the inserted var, and the deferred call takes no argument.
package shift

import (
	"context"
	"errors"
	"time"
)

var errShiftOver = errors.New("shift over")

// Work runs tasks until the channel closes or the shift ends.
func Work(ctx context.Context, end time.Time, tasks <-chan func(context.Context)) error {
	ctx, _ = context.WithDeadlineCause(ctx, end, errShiftOver)
	for {
		select {
		case t, ok := <-tasks:
			if !ok {
				return nil
			}
			t(ctx)
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
}
