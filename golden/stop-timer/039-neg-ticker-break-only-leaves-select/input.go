// The plain `break` inside the select leaves only the select, not the for: the function still
// never returns, so the ticker is left alone.
package pump

import "time"

// Run forwards non-empty batches every period, forever.
func Run(in <-chan int, out chan<- []int, period time.Duration) {
	t := time.NewTicker(period)
	var batch []int
	for {
		select {
		case v := <-in:
			batch = append(batch, v)
		case <-t.C:
			if len(batch) == 0 {
				break
			}
			out <- batch
			batch = nil
		}
	}
}
