// The deferred helper receives resp itself and handles a nil one. Some APIs return a response
// together with an error (an error status, with a body to drain): the defer sits before the
// check on purpose, and moving it below would leak that body. Silent.
package client

import (
	"fmt"
	"io"
	"net/http"
)

func do(c *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req)
	if err == nil && resp.StatusCode >= 400 {
		return resp, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp, err
}

func ensureReaderClosed(resp *http.Response) {
	if resp == nil || resp.Body == nil {
		return
	}
	_, _ = io.CopyN(io.Discard, resp.Body, 512)
	_ = resp.Body.Close()
}

// Kill asks the server to stop the container id.
func Kill(c *http.Client, base, id string) error {
	req, err := http.NewRequest(http.MethodPost, base+"/containers/"+id+"/kill", nil)
	if err != nil {
		return err
	}
	resp, err := do(c, req)
	defer ensureReaderClosed(resp)
	if err != nil {
		return err
	}
	return nil
}
