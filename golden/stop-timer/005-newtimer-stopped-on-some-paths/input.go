// The timer is stopped when the reply arrives, but not when send fails: `defer t.Stop()` after
// creation; the existing t.Stop() stays.
package request

import (
	"errors"
	"time"
)

var errTimeout = errors.New("no reply in time")

// Do sends a request and waits up to d for the reply.
func Do(send func() error, reply <-chan string, d time.Duration) (string, error) {
	t := time.NewTimer(d)
	if err := send(); err != nil {
		return "", err
	}
	select {
	case r := <-reply:
		t.Stop()
		return r, nil
	case <-t.C:
		return "", errTimeout
	}
}
