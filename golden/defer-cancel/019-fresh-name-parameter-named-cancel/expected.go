// The function already has a parameter named cancel, so the discarded func gets the fresh
// name cancel1.
package watch

import (
	"context"
	"time"
)

// Forward copies events to out for at most an hour, until cancel is closed.
func Forward(parent context.Context, cancel <-chan struct{}, events <-chan string, out chan<- string) {
	ctx, cancel1 := context.WithTimeout(parent, time.Hour)
	defer cancel1()
	for {
		select {
		case <-cancel:
			return
		case <-ctx.Done():
			return
		case e := <-events:
			out <- e
		}
	}
}
