// The deferred closure tests resp for nil before closing its body: written for a response that
// may come with an error, on purpose before the check. Silent.
package client

import (
	"fmt"
	"net/http"
)

func do(c *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req)
	if err == nil && resp.StatusCode >= 400 {
		return resp, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp, err
}

// Ping sends a HEAD request to u.
func Ping(c *http.Client, u string) error {
	req, err := http.NewRequest(http.MethodHead, u, nil)
	if err != nil {
		return err
	}
	resp, err := do(c, req)
	defer func() {
		if resp != nil {
			_ = resp.Body.Close()
		}
	}()
	if err != nil {
		return err
	}
	return nil
}
