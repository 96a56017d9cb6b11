// The success path hands the response on; the non-2xx branch builds an error from the status
// and returns without closing the body: the body is closed there.
package golden

import (
	"fmt"
	"net/http"
)

func fetch(c *http.Client, url string) (*http.Response, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return resp, nil
}
