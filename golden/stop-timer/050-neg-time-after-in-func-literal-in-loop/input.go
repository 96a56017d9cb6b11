// The select with time.After is in a func literal started by the loop, not in the loop's own
// function: not the for-select form. Silent.
package fan

import (
	"sync"
	"time"
)

// Send delivers v to every subscriber, giving each at most d.
func Send(subs []chan<- int, v int, d time.Duration) {
	var wg sync.WaitGroup
	for _, s := range subs {
		wg.Add(1)
		go func(s chan<- int) {
			defer wg.Done()
			select {
			case s <- v:
			case <-time.After(d):
			}
		}(s)
	}
	wg.Wait()
}
