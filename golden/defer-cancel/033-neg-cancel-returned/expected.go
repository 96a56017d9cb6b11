// The cancel func is returned: the caller owns it. Deferring it here would cancel the
// context the caller is about to use.
package session

import (
	"context"
	"time"
)

// Begin returns a context that lasts at most ttl, and the func that ends it early.
func Begin(parent context.Context, ttl time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(parent, ttl)
	return ctx, cancel
}
