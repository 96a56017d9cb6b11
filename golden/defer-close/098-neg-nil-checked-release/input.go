// The response is released under a nil check of the response itself instead of an error check
// (net/http's client_test.go does this when either outcome is acceptable). A nil response has
// nothing to release, so it is released on every path: silent.
package fetch

import (
	"log"
	"net/http"
)

// Probe sends req and logs whether it failed as expected.
func Probe(c *http.Client, req *http.Request, wantErr bool) {
	res, err := c.Do(req)
	if (err != nil) != wantErr {
		log.Printf("unexpected error: %v", err)
	}
	if res != nil {
		res.Body.Close()
	}
}
