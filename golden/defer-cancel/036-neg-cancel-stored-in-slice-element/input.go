// Each cancel func is stored into an element of a slice the caller receives.
package shards

import "context"

// Contexts returns one cancellable context per shard and the funcs that cancel them.
func Contexts(parent context.Context, n int) ([]context.Context, []context.CancelFunc) {
	ctxs := make([]context.Context, n)
	cancels := make([]context.CancelFunc, n)
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithCancel(parent)
		ctxs[i] = ctx
		cancels[i] = cancel
	}
	return ctxs, cancels
}
