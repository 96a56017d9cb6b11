// close-style = "errcheck" for an HTTP response body.
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
	defer func() { _ = resp.Body.Close() }()
	return io.ReadAll(resp.Body)
}
