// defer cancel() for a per-key context in a loop (go 1.19 module). The `break` inside the select
// only leaves the select; the `continue` and the `break` in the ifs leave the iteration: cancel()
// before each and at the end of the body.
package collect

import (
	"context"
	"fmt"
)

// Collect asks get for each key and stops at the first key whose answer is empty.
func Collect(parent context.Context, keys []string, get func(context.Context, string) <-chan string) []string {
	var out []string
	for _, k := range keys {
		ctx, cancel := context.WithCancel(parent)
		defer cancel()
		var v string
		select {
		case v = <-get(ctx, k):
		case <-parent.Done():
			break
		}
		if v == "-" {
			continue
		}
		if v == "" {
			break
		}
		out = append(out, fmt.Sprint(k, "=", v))
	}
	return out
}
