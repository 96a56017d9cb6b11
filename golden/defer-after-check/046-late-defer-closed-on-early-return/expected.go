// The early return closes the body itself before the later defer: every path releases it.
// Silent.
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
		resp.Body.Close()
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
