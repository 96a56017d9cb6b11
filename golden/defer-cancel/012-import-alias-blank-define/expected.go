// context imported as ctxpkg, `:=` form: ctxpkg.WithCancel is context.WithCancel; the cancel
// func is discarded, so the context stays registered in its parent. Name it and defer it.
package warm

import ctxpkg "context"

// Warm loads the keys one by one and returns how many loaded before the first failure.
func Warm(parent ctxpkg.Context, keys []string, load func(ctxpkg.Context, string) error) int {
	ctx, cancel := ctxpkg.WithCancel(parent)
	defer cancel()
	n := 0
	for _, k := range keys {
		if err := load(ctx, k); err != nil {
			return n
		}
		n++
	}
	return n
}
