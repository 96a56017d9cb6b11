// time.After's duration is computed from the loop variable of the for clause: d depends on
// the loop, so the finding is reported, not fixed.
package retry

import "time"

// Linear calls try up to n times, waiting i*step before attempt i+1.
func Linear(try func() bool, n int, step time.Duration, stop <-chan struct{}) bool {
	for i := 1; i <= n; i++ {
		if try() {
			return true
		}
		select {
		case <-stop:
			return false
		case <-time.After(time.Duration(i) * step):
		}
	}
	return false
}
