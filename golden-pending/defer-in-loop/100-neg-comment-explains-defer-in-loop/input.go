// net/http transport_test.go:461: a comment explains why the defer in the loop must wait for
// the function's return; moving the release into the iteration changes what the code checks.
package golden

import (
	"io"
	"net/http"
)

func fetchAll(c *http.Client, url string) (int, error) {
	n := 0
	for i := 0; i < 3; i++ {
		res, err := c.Get(url)
		if err != nil {
			return n, err
		}
		// We want to close this body eventually, but not before the
		// check below: closing it early in the loop would let the
		// connection be re-used for the wrong reason.
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			return n, err
		}
		n += len(b)
	}
	return n, nil
}
