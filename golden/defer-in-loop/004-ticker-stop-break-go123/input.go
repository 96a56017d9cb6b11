// defer t.Stop() in a loop: each round's ticker is only stopped when Rounds returns.
// Stop it before the outer `break` (it leaves the iteration) and at the end of the body; the
// inner loop's `break` does not leave the iteration. go.mod says go 1.23.
package pace

import "time"

// Rounds runs up to n rounds of k ticks each and returns how many rounds completed.
func Rounds(n, k int, d time.Duration, tick func(round, i int) bool) int {
	done := 0
	for r := 0; r < n; r++ {
		t := time.NewTicker(d)
		defer t.Stop()
		completed := true
		for i := 0; i < k; i++ {
			<-t.C
			if !tick(r, i) {
				completed = false
				break
			}
		}
		if !completed {
			break
		}
		done++
	}
	return done
}
