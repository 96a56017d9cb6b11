// The cancel func is sent on a channel to a supervisor that calls it later.
package supervise

import "context"

// Spawn starts fn and hands its cancel func to the supervisor.
func Spawn(parent context.Context, fn func(context.Context), super chan<- context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	go fn(ctx)
	super <- cancel
}
