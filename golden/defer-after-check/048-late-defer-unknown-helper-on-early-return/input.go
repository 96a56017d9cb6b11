// On the early return the response goes to a helper leakfix does not know, which may close it
// or keep it: moving the defer up could close it twice or under the helper. Reported, not fixed.
package hooks

import (
	"fmt"
	"io"
	"net/http"
)

var failed []*http.Response

func keep(resp *http.Response) {
	failed = append(failed, resp)
}

// Get returns the body of the document at u and keeps failed responses.
func Get(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		keep(resp)
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
