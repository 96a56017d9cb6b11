// context.WithTimeout with the cancel func discarded: the context and its timer live until the
// deadline passes, long after Ping has returned. Name it and defer it.
package health

import (
	"context"
	"net/http"
	"time"
)

// Ping reports whether url answers a HEAD request within two seconds.
func Ping(client *http.Client, url string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
