// for range time.Tick(d) inside another loop: hoisting NewTicker before the inner for would
// still create one ticker per outer iteration, so the finding is reported only.
package probes

import "time"

// WaitAll waits until every check passes, polling each one every period.
func WaitAll(checks []func() bool, period time.Duration) {
	for _, ok := range checks {
		for range time.Tick(period) {
			if ok() {
				break
			}
		}
	}
}
