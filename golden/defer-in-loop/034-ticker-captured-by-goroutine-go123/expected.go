// The ticker is captured by a goroutine started in the iteration (go 1.23 module): stopping it
// at the end of the iteration would end that goroutine's beats. t outlives the iteration: the defer is right, nothing reported.
package beat

import "time"

// Start beats each name every d until Start returns after total.
func Start(names []string, d, total time.Duration, beat func(string)) {
	for _, n := range names {
		t := time.NewTicker(d)
		defer t.Stop()
		go func() {
			for range t.C {
				beat(n)
			}
		}()
	}
	time.Sleep(total)
}
