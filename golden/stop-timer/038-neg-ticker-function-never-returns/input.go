// for { select { ... } } with no return and no break out of the loop: the function never
// returns, so its ticker lives as long as the program anyway. Silent.
package pump

import "time"

// Run forwards batches every period, forever.
func Run(in <-chan int, out chan<- []int, period time.Duration) {
	t := time.NewTicker(period)
	var batch []int
	for {
		select {
		case v := <-in:
			batch = append(batch, v)
		case <-t.C:
			out <- batch
			batch = nil
		}
	}
}
