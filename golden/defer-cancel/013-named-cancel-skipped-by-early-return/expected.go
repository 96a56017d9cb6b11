// cancel is called on the normal path only: the early return on an empty id leaks the context.
// `defer cancel()` goes on the line after the statement; the existing cancel() stays (a second
// call is a no-op).
package orders

import (
	"context"
	"errors"
	"time"
)

var errNoID = errors.New("empty order id")

// Lookup loads the order with the given id, within one second.
func Lookup(parent context.Context, id string, load func(context.Context, string) (string, error)) (string, error) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	if id == "" {
		return "", errNoID
	}
	s, err := load(ctx, id)
	cancel()
	return s, err
}
