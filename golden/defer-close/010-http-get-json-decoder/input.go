// http.Get without closing the body leaks the connection. Passing resp.Body to
// json.NewDecoder only reads it: ownership stays here.
package client

import (
	"encoding/json"
	"net/http"
)

// Release is a published release.
type Release struct {
	Tag string `json:"tag_name"`
}

// Latest fetches the latest release.
func Latest(url string) (*Release, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	var r Release
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return nil, err
	}
	return &r, nil
}
