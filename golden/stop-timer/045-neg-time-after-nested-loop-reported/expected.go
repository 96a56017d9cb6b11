// The for-select with time.After is itself inside another loop: hoisting the timer out of
// the inner loop would still make one per outer iteration, so the finding is reported only.
package drain

import "time"

// All drains each channel until it is quiet for idle, and returns the total count.
func All(chans []<-chan int, idle time.Duration) int {
	n := 0
	for _, c := range chans {
		quiet := false
		for !quiet {
			select {
			case <-c:
				n++
			case <-time.After(idle):
				quiet = true
			}
		}
	}
	return n
}
