// net/http transport_test.go:5029: a comment says the body is deliberately not closed (the test
// checks what happens without Close); a fix would defeat the test.
package golden

import (
	"io"
	"net/http"
)

func reuseWithoutClose(c *http.Client, url string) error {
	res, err := c.Get(url)
	if err != nil {
		return err
	}
	buf := make([]byte, 4)
	if _, err := io.ReadFull(res.Body, buf); err != nil {
		return err
	}
	// Note: no res.Body.Close call. It should work without it,
	// since reading to EOF should be sufficient.
	return nil
}
