// for now := range time.Tick(d) with a `return` inside: the ticker leaks when the write
// fails. d is a variable (time.Tick is nil for d <= 0, NewTicker panics): reported only.
package heartbeat

import (
	"fmt"
	"io"
	"time"
)

// Write prints a timestamp to w every period until a write fails.
func Write(w io.Writer, period time.Duration) error {
	for now := range time.Tick(period) {
		if _, err := fmt.Fprintln(w, now.Format(time.RFC3339)); err != nil {
			return err
		}
	}
	return nil
}
