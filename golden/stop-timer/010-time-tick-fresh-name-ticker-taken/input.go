// The function has a parameter named ticker (a stock symbol), so the rewritten time.Tick
// uses the fresh name ticker1.
package quotes

import (
	"context"
	"time"
)

// Follow sends the price of ticker to out every period until ctx ends.
func Follow(ctx context.Context, ticker string, period time.Duration, price func(string) float64, out chan<- float64) {
	c := time.Tick(period)
	for {
		select {
		case <-ctx.Done():
			return
		case <-c:
			out <- price(ticker)
		}
	}
}
