// context.WithCancelCause with the CancelCauseFunc discarded: the child context is never
// released before its parent. Name it and defer it; a CancelCauseFunc takes the cause, so the
// deferred call is cancel(nil) (`defer cancel()` would not compile).
package fanin

import "context"

// Collect reads up to limit values from in, stopping early when ctx ends.
func Collect(parent context.Context, in <-chan int, limit int) ([]int, error) {
	ctx, _ := context.WithCancelCause(parent)
	var got []int
	for len(got) < limit {
		select {
		case v := <-in:
			got = append(got, v)
		case <-ctx.Done():
			return got, context.Cause(ctx)
		}
	}
	return got, nil
}
