// The responses made with each iteration's context are kept and read after the loop: the
// deferred cancels run only when Fetch returns, so the bodies are still readable. Cancelling at
// the end of each iteration would cut them off: the defer is right, nothing is reported.
package fetch

import (
	"context"
	"io"
	"net/http"
	"time"
)

// Fetch requests every url, then reads all the bodies.
func Fetch(parent context.Context, urls []string) ([][]byte, error) {
	var resps []*http.Response
	for _, u := range urls {
		ctx, cancel := context.WithTimeout(parent, time.Minute)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		resps = append(resps, resp)
	}
	var out [][]byte
	for _, r := range resps {
		b, err := io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}
