// The cancel func is captured by a goroutine that calls it when the first result arrives,
// after Race has returned: deferring it here would cancel the race at once.
package race

import "context"

// Race starts every runner and returns a channel with the first result; the others are
// cancelled once it is delivered.
func Race(parent context.Context, runners []func(context.Context) string) <-chan string {
	ctx, cancel := context.WithCancel(parent)
	results := make(chan string, len(runners))
	for _, r := range runners {
		go func(r func(context.Context) string) { results <- r(ctx) }(r)
	}
	first := make(chan string, 1)
	go func() {
		first <- <-results
		cancel()
	}()
	return first
}
