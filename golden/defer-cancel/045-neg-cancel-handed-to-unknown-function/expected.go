// The cancel func is handed to keep, which may store it: a function that receives a value
// usually owns it from then on, so nothing is reported or fixed.
package registry

import (
	"context"
	"sync"
)

var (
	mu      sync.Mutex
	pending []context.CancelFunc
)

func keep(c context.CancelFunc) {
	mu.Lock()
	pending = append(pending, c)
	mu.Unlock()
}

// CancelAll cancels every context started so far.
func CancelAll() {
	mu.Lock()
	defer mu.Unlock()
	for _, c := range pending {
		c()
	}
	pending = nil
}

// Start returns a context that CancelAll cancels.
func Start(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	keep(cancel)
	return ctx
}
