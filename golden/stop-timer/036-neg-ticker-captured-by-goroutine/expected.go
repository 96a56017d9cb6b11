// The ticker is captured by a goroutine that outlives Start and stops it itself.
package reporter

import "time"

// Start reports every period until stop is closed.
func Start(period time.Duration, report func(), stop <-chan struct{}) {
	t := time.NewTicker(period)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-t.C:
				report()
			case <-stop:
				return
			}
		}
	}()
}
