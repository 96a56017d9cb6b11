// time.After in a select that is not inside a loop: at most one timer per call, gone once it
// fires. Not the for-select form: silent.
package once

import (
	"errors"
	"time"
)

var errTimeout = errors.New("timeout")

// Receive returns the next value on in, or errTimeout after d.
func Receive(in <-chan int, d time.Duration) (int, error) {
	select {
	case v := <-in:
		return v, nil
	case <-time.After(d):
		return 0, errTimeout
	}
}
