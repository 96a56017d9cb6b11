// time.After(wait) in a for-select where wait is declared inside the loop (it grows with
// each attempt): one hoisted timer cannot be reset to a value computed later, so the finding
// is reported, not fixed.
package retry

import "time"

// Until calls try until it succeeds or stop is closed, waiting a little longer each time.
func Until(try func() bool, base time.Duration, stop <-chan struct{}) bool {
	for attempt := 1; ; attempt++ {
		if try() {
			return true
		}
		wait := base * time.Duration(attempt)
		select {
		case <-stop:
			return false
		case <-time.After(wait):
		}
	}
}
