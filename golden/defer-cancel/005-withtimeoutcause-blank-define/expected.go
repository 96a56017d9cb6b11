// context.WithTimeoutCause returns a plain CancelFunc; discarding it keeps the context and its
// timer alive until the timeout fires. Name it and defer cancel().
package rpc

import (
	"context"
	"errors"
	"time"
)

var errSlowBackend = errors.New("backend did not answer in time")

// Call runs do with a five-second budget and reports errSlowBackend when it runs out.
func Call(parent context.Context, do func(context.Context) error) error {
	ctx, cancel := context.WithTimeoutCause(parent, 5*time.Second, errSlowBackend)
	defer cancel()
	err := do(ctx)
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return err
}
