// The close is deferred right after the error check and the status check comes after it:
// correct as it is. Silent.
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
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	return io.ReadAll(resp.Body)
}
