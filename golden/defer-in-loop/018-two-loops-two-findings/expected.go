// Two functions, each with a fixable defer in a loop (a response body and a cancel func): both
// are fixed independently, each at its own exits and at the end of its own body.
package multi

import (
	"context"
	"io"
	"net/http"
)

// Sizes returns the body sizes of the urls, stopping at the first failure.
func Sizes(client *http.Client, urls []string) []int64 {
	var out []int64
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			return out
		}
		n, err := io.Copy(io.Discard, resp.Body)
		if err != nil {
			resp.Body.Close()
			return out
		}
		out = append(out, n)
		resp.Body.Close()
	}
	return out
}

// Each calls fn with a fresh cancellable context per item.
func Each(parent context.Context, items []string, fn func(context.Context, string) bool) {
	for _, it := range items {
		ctx, cancel := context.WithCancel(parent)
		if !fn(ctx, it) {
			cancel()
			return
		}
		cancel()
	}
}
