// go.mod says go 1.26: time.Tick in a returning function, a range over time.Tick with a break
// and an unstopped NewTimer are all collected by the runtime. Silent.
package modern

import (
	"context"
	"time"
)

// Wait waits for d or ctx.
func Wait(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Every calls f every period until it returns false or stop is closed.
func Every(period time.Duration, f func() bool, stop <-chan struct{}) {
	c := time.Tick(period)
	for {
		select {
		case <-stop:
			return
		case <-c:
			if !f() {
				return
			}
		}
	}
}

// Count counts ticks until f returns false.
func Count(period time.Duration, f func() bool) int {
	n := 0
	for range time.Tick(period) {
		n++
		if !f() {
			break
		}
	}
	return n
}
