// time.After(timeout) in a for-select, timeout a parameter (not assigned in the loop): hoisted
// into one timer that is reset before each select.
package forward

import (
	"errors"
	"time"
)

var errIdle = errors.New("idle timeout")

// Copy forwards messages from in to out until in is closed or idle for timeout.
func Copy(in <-chan string, out chan<- string, timeout time.Duration) (int, error) {
	n := 0
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(timeout)
		select {
		case m, ok := <-in:
			if !ok {
				return n, nil
			}
			out <- m
			n++
		case <-timer.C:
			return n, errIdle
		}
	}
}
