// The request made with ctx is kept in a local and returned later: it carries the context past
// the call, so cancelling on return would break it. Reported, not rewritten.
package req

import (
	"context"
	"net/http"
	"time"
)

// Build returns a GET request for url with a ten second deadline.
func Build(parent context.Context, url string) (*http.Request, error) {
	ctx, cancel := context.WithTimeout(parent, 10*time.Second)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		cancel()
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	return req, nil
}
