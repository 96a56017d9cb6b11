// The response body is already closed by a defer after the error check.
package fetch

import (
	"io"
	"net/http"
)

// Fetch returns the body at url.
func Fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
