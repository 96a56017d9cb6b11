// The ticker is stored in a struct field and stopped by Close.
package flusher

import "time"

// Flusher writes buffered data periodically.
type Flusher struct {
	ticker *time.Ticker
}

// Start creates the flush ticker.
func (f *Flusher) Start(d time.Duration) {
	t := time.NewTicker(d)
	f.ticker = t
}

// Close stops flushing.
func (f *Flusher) Close() {
	f.ticker.Stop()
}
