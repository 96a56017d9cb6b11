// The early return hands the response to the caller: ownership leaves on that path, and the
// other path defers the close. Nothing leaks: silent.
package cache

import (
	"net/http"
)

// Revalidate returns the response when it is not modified, else its status code.
func Revalidate(u string) (*http.Response, int, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, 0, err
	}
	if resp.StatusCode == http.StatusNotModified {
		return resp, 0, nil
	}
	defer resp.Body.Close()
	return nil, resp.StatusCode, nil
}
