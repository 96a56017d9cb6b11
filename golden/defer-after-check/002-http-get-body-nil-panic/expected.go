// defer resp.Body.Close() before the error check: when http.Get fails resp is nil, and the defer
// statement evaluates resp.Body at once, a nil-pointer panic (go vet httpresponse flags this
// input). The branch returns: the defer moves right after the if.
package fetch

import (
	"io"
	"net/http"
)

// Fetch returns the body of url.
func Fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
