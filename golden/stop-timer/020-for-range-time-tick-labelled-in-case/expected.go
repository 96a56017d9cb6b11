// for range time.Tick(constant) under a label inside a switch case, left by `break poll`:
// the ticker is made above the label with the loop's indentation (found by the grammar fuzzer).
package probe

import (
	"os"
	"time"
)

// Wait polls for path every second when mode is "poll", at most attempts times.
func Wait(mode, path string, attempts int) bool {
	switch mode {
	case "poll":
		n := 0
		ticker := time.NewTicker(time.Second)
		defer ticker.Stop()
	poll:
		for range ticker.C {
			if _, err := os.Stat(path); err == nil {
				return true
			}
			n++
			if n == attempts {
				break poll
			}
		}
	}
	return false
}
