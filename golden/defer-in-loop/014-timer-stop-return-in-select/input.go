// defer timer.Stop() in a loop: every wait's timer lives until WaitAll returns.
// Stop it before the return inside the select case and at the end of the iteration.
package wait

import (
	"fmt"
	"time"
)

// WaitAll waits for each channel in turn, giving each at most d.
func WaitAll(chs []<-chan struct{}, d time.Duration) error {
	for i, ch := range chs {
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-ch:
		case <-timer.C:
			return fmt.Errorf("timeout waiting for channel %d", i)
		}
	}
	return nil
}
