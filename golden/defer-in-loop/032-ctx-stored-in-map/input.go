// ctx is stored in a map that outlives the iteration: cancelling at the end of the iteration
// would hand out cancelled contexts. Kept past the iteration: the defer is right, nothing is reported.
package sessions

import "context"

// Open returns one context per user, all cancelled when Open returns (already a bug, but not
// one leakfix may fix by itself).
func Open(parent context.Context, users []string) map[string]context.Context {
	out := make(map[string]context.Context)
	for _, u := range users {
		ctx, cancel := context.WithCancel(parent)
		defer cancel()
		out[u] = ctx
	}
	return out
}
