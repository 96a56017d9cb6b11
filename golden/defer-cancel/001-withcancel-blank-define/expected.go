// context.WithCancel with the cancel func discarded: the child context stays registered in its
// parent (and the losing workers keep running) until the parent ends.
// But ctx is handed to goroutines that may outlive First: cancelling it on return could cut
// off work meant to go on, so leakfix reports instead of rewriting.
package search

import "context"

// First returns the first result produced by any of the workers.
func First(parent context.Context, workers []func(context.Context, chan<- string)) string {
	ctx, _ := context.WithCancel(parent)
	out := make(chan string, len(workers))
	for _, w := range workers {
		go w(ctx, out)
	}
	return <-out
}
