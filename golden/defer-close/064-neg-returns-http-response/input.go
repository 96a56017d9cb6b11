// A function returning *http.Response hands the body to its caller.
package api

import (
	"fmt"
	"net/http"
)

// Get fetches path from the API at base.
func Get(base, path string) (*http.Response, error) {
	resp, err := http.Get(base + path)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", path, err)
	}
	return resp, nil
}
