// client is a local *http.Client, so client.Do is recognised from its type.
package ping

import (
	"context"
	"net/http"
	"time"
)

// Ping returns the status code of a HEAD request to url.
func Ping(ctx context.Context, url string) (int, error) {
	client := &http.Client{Timeout: 5 * time.Second}
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
