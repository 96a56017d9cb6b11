// The cancel func is stored in a struct field and called by Stop: ownership leaves the function.
package worker

import "context"

// Worker runs until Stop is called.
type Worker struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// Start launches the worker loop.
func (w *Worker) Start(parent context.Context, loop func(context.Context)) {
	ctx, cancel := context.WithCancel(parent)
	w.cancel = cancel
	w.done = make(chan struct{})
	go func() {
		defer close(w.done)
		loop(ctx)
	}()
}

// Stop ends the loop and waits for it.
func (w *Worker) Stop() {
	w.cancel()
	<-w.done
}
