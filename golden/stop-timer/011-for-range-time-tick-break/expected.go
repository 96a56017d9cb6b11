// for range time.Tick(d) with a `break` out of the loop: the function returns and the ticker
// leaks. d is a variable (time.Tick is nil for d <= 0, NewTicker panics): reported only.
package waitfile

import (
	"os"
	"time"
)

// Exists polls for path every period, at most attempts times.
func Exists(path string, period time.Duration, attempts int) bool {
	n := 0
	found := false
	for range time.Tick(period) {
		if _, err := os.Stat(path); err == nil {
			found = true
			break
		}
		n++
		if n == attempts {
			break
		}
	}
	return found
}
