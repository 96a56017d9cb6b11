// time.After(delay) where delay is a parameter that the loop reassigns (doubling backoff):
// d depends on the loop, so the finding is reported, not fixed.
package retry

import "time"

// Backoff calls try until it succeeds or stop is closed, doubling delay up to max.
func Backoff(try func() bool, delay, max time.Duration, stop <-chan struct{}) bool {
	for !try() {
		select {
		case <-stop:
			return false
		case <-time.After(delay):
		}
		delay *= 2
		if delay > max {
			delay = max
		}
	}
	return true
}
