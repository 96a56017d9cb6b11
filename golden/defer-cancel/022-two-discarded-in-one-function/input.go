// Two discarded cancel funcs in one function: the first becomes cancel, and since that name
// is then used, the second becomes cancel1. Two findings.
package mirror

import (
	"context"
	"time"
)

// Sync reads from src and writes to dst, each with its own budget.
func Sync(parent context.Context, read func(context.Context) ([]byte, error), write func(context.Context, []byte) error) error {
	rctx, _ := context.WithTimeout(parent, 10*time.Second)
	data, err := read(rctx)
	if err != nil {
		return err
	}
	wctx, _ := context.WithTimeout(parent, 30*time.Second)
	return write(wctx, data)
}
