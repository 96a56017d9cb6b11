// a.hc's type is not visible without type information, but resp.StatusCode shows that
// the result is an HTTP response whose body is never closed.
package health

import "net/http"

// API talks to a service.
type API struct {
	hc   *http.Client
	base string
}

// Healthy reports whether the service answers 200 on /healthz.
func (a *API) Healthy() (bool, error) {
	resp, err := a.hc.Get(a.base + "/healthz")
	if err != nil {
		return false, err
	}
	return resp.StatusCode == http.StatusOK, nil
}
