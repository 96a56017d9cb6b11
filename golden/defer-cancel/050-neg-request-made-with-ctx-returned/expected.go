// The request returned to the caller is bound to ctx: a `defer cancel()` would cancel it before
// the caller can send it (leakfix's own example once got this wrong). Reported, not rewritten.
package req

import (
	"context"
	"net/http"
	"time"
)

// Lookup builds a request that times out five seconds from now.
func Lookup(parent context.Context, url string) (*http.Request, error) {
	ctx, _ := context.WithTimeout(parent, 5*time.Second)
	return http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
}
