// net/http imported under an alias: h.Get is http.Get.
package fetch

import (
	"io"
	h "net/http"
)

// Fetch returns the body at url.
func Fetch(url string) ([]byte, error) {
	resp, err := h.Get(url)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
