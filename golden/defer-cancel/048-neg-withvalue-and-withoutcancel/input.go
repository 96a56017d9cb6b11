// context.WithValue and context.WithoutCancel return no cancel func: nothing to release.
package audit

import "context"

type key struct{}

// Detach returns a context that carries user but is not cancelled with parent.
func Detach(parent context.Context, user string) context.Context {
	ctx := context.WithValue(parent, key{}, user)
	return context.WithoutCancel(ctx)
}
