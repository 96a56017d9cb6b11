// resp is a named result: the bare return between the check and the defer hands it to the
// caller. Not this function's to release on that path: silent.
package relay

import "net/http"

// Open returns the response for u when it is a redirect, else closes it.
func Open(u string) (resp *http.Response, err error) {
	resp, err = http.Get(u)
	if err != nil {
		return
	}
	if resp.StatusCode/100 == 3 {
		return
	}
	defer resp.Body.Close()
	return nil, nil
}
