// Two time.Tick channels in one function (go.mod go 1.19): both are rewritten; the first
// ticker is named ticker, the second ticker1 because ticker is then taken. Two findings.
package flusher

import (
	"context"
	"time"
)

// Loop flushes every flushEvery and sends a heartbeat every beatEvery until ctx ends.
func Loop(ctx context.Context, flushEvery, beatEvery time.Duration, flush, beat func()) error {
	var flushC <-chan time.Time
	if flushEvery > 0 {
		ticker := time.NewTicker(flushEvery)
		defer ticker.Stop()
		flushC = ticker.C
	}
	var beatC <-chan time.Time
	if beatEvery > 0 {
		ticker1 := time.NewTicker(beatEvery)
		defer ticker1.Stop()
		beatC = ticker1.C
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-flushC:
			flush()
		case <-beatC:
			beat()
		}
	}
}
