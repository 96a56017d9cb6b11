// The for-select is left by a labeled `break loop`, so the function returns and the ticker
// leaks: `defer t.Stop()` after creation (before the label).
package sample

import "time"

// Values reads a value every period until done is closed.
func Values(read func() int, period time.Duration, done <-chan struct{}) []int {
	var xs []int
	t := time.NewTicker(period)
	defer t.Stop()
loop:
	for {
		select {
		case <-t.C:
			xs = append(xs, read())
		case <-done:
			break loop
		}
	}
	return xs
}
