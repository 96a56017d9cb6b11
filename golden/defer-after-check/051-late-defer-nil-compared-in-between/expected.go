// The body is compared with nil between the check and the defer: its author doubts it is set
// there, and `resp.Body.Close()` moved above that test could dereference a nil body. Silent.
package probe

import (
	"errors"
	"io"
	"net/http"
)

// Body returns the body of the document at u.
func Body(client *http.Client, u string) ([]byte, error) {
	resp, err := client.Get(u)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNoContent || resp.Body == nil {
		return nil, errors.New("no body")
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
