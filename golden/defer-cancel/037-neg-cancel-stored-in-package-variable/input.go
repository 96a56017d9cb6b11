// The cancel func is stored in a package variable and called by Shutdown.
package app

import "context"

var (
	rootCtx    context.Context
	stopAll    context.CancelFunc
	background = context.Background()
)

// Init creates the application's root context.
func Init() {
	ctx, cancel := context.WithCancel(background)
	rootCtx, stopAll = ctx, cancel
}

// Shutdown cancels everything started from the root context.
func Shutdown() {
	if stopAll != nil {
		stopAll()
	}
}
