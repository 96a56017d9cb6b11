// The response comes from a RoundTripper (go vet's httpresponse does not know it): resp is nil
// on error and `defer resp.Body.Close()` panics before the check. The branch returns: the defer
// moves after the if.
package proxy

import (
	"io"
	"net/http"
)

// Forward sends req through rt and copies the answer's body to w.
func Forward(rt http.RoundTripper, req *http.Request, w io.Writer) error {
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(w, resp.Body)
	return err
}
