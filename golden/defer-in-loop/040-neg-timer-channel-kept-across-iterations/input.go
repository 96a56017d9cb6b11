// The timer's channel is kept in a variable declared outside the loop and received from in
// later iterations (net/http's persistConn.roundTrip arms its response-header timer this way).
// Stopping the timer at the end of the iteration would disarm the timeout, so the deferred Stop
// must stay where it is: nothing is reported or rewritten.
package wait

import (
	"errors"
	"time"
)

// Result waits for a result; once started is signalled, it gives up after d.
func Result(results <-chan int, started <-chan struct{}, d time.Duration) (int, error) {
	var timeout <-chan time.Time
	for {
		select {
		case <-started:
			if d > 0 {
				timer := time.NewTimer(d)
				defer timer.Stop()
				timeout = timer.C
			}
		case r := <-results:
			return r, nil
		case <-timeout:
			return 0, errors.New("timeout")
		}
	}
}
