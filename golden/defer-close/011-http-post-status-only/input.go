// Only the status is looked at; the body is never closed, so the connection is never reused.
package notify

import (
	"bytes"
	"fmt"
	"net/http"
)

// Notify posts payload to url.
func Notify(url string, payload []byte) error {
	resp, err := http.Post(url, "application/json", bytes.NewReader(payload))
	if err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("notify: %s", resp.Status)
	}
	return nil
}
