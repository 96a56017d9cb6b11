// A timeout added only when the caller set no deadline, with `=` inside an if block: the var,
// the named cancel and the defer all go inside that block, indented like the statement (the
// defer still runs when Fetch returns).
package client

import (
	"context"
	"io"
	"net/http"
	"time"
)

// Fetch GETs url, with a ten-second timeout unless ctx already has a deadline.
func Fetch(ctx context.Context, url string) ([]byte, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
