// The cancel func is stored in a map keyed by job id and called by Abort later.
package jobs

import (
	"context"
	"sync"
)

// Runner tracks running jobs.
type Runner struct {
	mu      sync.Mutex
	running map[string]context.CancelFunc
}

// Launch starts fn in the background under id.
func (r *Runner) Launch(parent context.Context, id string, fn func(context.Context)) {
	ctx, cancel := context.WithCancel(parent)
	r.mu.Lock()
	r.running[id] = cancel
	r.mu.Unlock()
	go fn(ctx)
}

// Abort cancels the job with the given id.
func (r *Runner) Abort(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.running[id]; ok {
		c()
		delete(r.running, id)
	}
}
