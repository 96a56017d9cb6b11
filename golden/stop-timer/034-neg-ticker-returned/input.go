// The ticker is returned: the caller owns it and stops it.
package clock

import "time"

// Jittered returns a ticker with period d plus up to a tenth of jitter.
func Jittered(d time.Duration, jitter func(time.Duration) time.Duration) *time.Ticker {
	t := time.NewTicker(d + jitter(d/10))
	return t
}
