// An explicit go.mod at go 1.22 (still below 1.23): the timeout timer leaks whenever a value
// arrives first. `defer t.Stop()` after creation.
package first

import "time"

// Receive returns the first value on in, or false after d.
func Receive(in <-chan string, d time.Duration) (string, bool) {
	t := time.NewTimer(d)
	select {
	case v := <-in:
		return v, true
	case <-t.C:
		return "", false
	}
}
