// ctx, _ = context.WithCancelCause(ctx): the inserted var has type context.CancelCauseFunc and
// the deferred call passes a nil cause.
package pipeline

import "context"

// Run feeds every item to stage and stops at the first failure.
func Run(ctx context.Context, items []string, stage func(context.Context, string) error) error {
	var cancel context.CancelCauseFunc
	ctx, cancel = context.WithCancelCause(ctx)
	defer cancel(nil)
	for _, it := range items {
		if err := stage(ctx, it); err != nil {
			return err
		}
	}
	return context.Cause(ctx)
}
