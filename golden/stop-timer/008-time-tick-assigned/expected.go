// time.Tick in a function that returns: its ticker can never be stopped and leaks once Watch
// returns (before Go 1.23). The period is a variable and time.Tick returns nil for d <= 0 where
// NewTicker panics, so the ticker is made only when period > 0 and tick stays nil otherwise.
package watch

import "time"

// Watch calls changed every period until it reports true or stop is closed.
func Watch(period time.Duration, changed func() bool, stop <-chan struct{}) bool {
	var tick <-chan time.Time
	if period > 0 {
		ticker := time.NewTicker(period)
		defer ticker.Stop()
		tick = ticker.C
	}
	for {
		select {
		case <-stop:
			return false
		case <-tick:
			if changed() {
				return true
			}
		}
	}
}
