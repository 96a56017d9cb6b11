// The ticker is stopped right before the labelled break that is the only way out of the
// infinite loop, so it is stopped on every path (cmd/trace's parseTraceInteractive).
// Silent: a `for {}` loop is left only through its breaks, never by running zero times.
package progress

import (
	"log"
	"time"
)

// Wait logs a line every interval until done is closed.
func Wait(done <-chan struct{}, interval time.Duration) {
	ticker := time.NewTicker(interval)
progressLoop:
	for {
		select {
		case <-ticker.C:
		case <-done:
			ticker.Stop()
			break progressLoop
		}
		log.Printf("still waiting")
	}
}
