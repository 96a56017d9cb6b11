// cancel is called explicitly on every path (both returns and the normal end): no leak.
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
	if id == "" {
		cancel()
		return "", errNoID
	}
	s, err := load(ctx, id)
	cancel()
	return s, err
}
