// defer resp.Body.Close() in a three-clause loop: the bodies (and their connections) pile up
// until Poll returns. Close before the continue and the return that follow the defer, and at
// the end of the iteration. go.mod says go 1.22 explicitly.
package poll

import (
	"fmt"
	"io"
	"net/http"
)

// Poll fetches url n times and returns how many answers were 200 OK.
func Poll(url string, n int) (int, error) {
	ok := 0
	for i := 0; i < n; i++ {
		resp, err := http.Get(url)
		if err != nil {
			return ok, fmt.Errorf("attempt %d: %w", i, err)
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			continue
		}
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			resp.Body.Close()
			return ok, err
		}
		ok++
		resp.Body.Close()
	}
	return ok, nil
}
