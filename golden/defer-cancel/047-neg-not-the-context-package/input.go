// WithCancel here is a function of this package, not context.WithCancel, and its second
// result is not a cancel func to call: nothing to do.
package lookalike

import "context"

// WithCancel returns ctx and whether it can be cancelled at all.
func WithCancel(ctx context.Context) (context.Context, bool) {
	return ctx, ctx.Done() != nil
}

// Use reads the value stored under key.
func Use(parent context.Context, key any) any {
	ctx, _ := WithCancel(parent)
	return ctx.Value(key)
}
