// defer wg.Done() inside the func literal of a `go` statement in the loop (go 1.19 module, the
// item is passed as an argument): the defer belongs to the goroutine. Silent.
package fan

import "sync"

// ProcessAll runs fn on every item concurrently and waits for all of them.
func ProcessAll(items []int, fn func(int)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(it int) {
			defer wg.Done()
			fn(it)
		}(it)
	}
	wg.Wait()
}
