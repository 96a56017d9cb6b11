// time.After(backoff()) in a for-select loop: hoisting the timer would evaluate backoff() once
// more before the loop (and the next value would be skipped), so leakfix reports only.
package retry

import (
	"errors"
	"time"
)

var delay = 10 * time.Millisecond

func backoff() time.Duration {
	delay *= 2
	return delay
}

// Until calls try until it succeeds or done is closed.
func Until(try func() bool, done <-chan struct{}) error {
	for {
		if try() {
			return nil
		}
		select {
		case <-done:
			return errors.New("gave up")
		case <-time.After(backoff()):
		}
	}
}
