// time.After(per) in a three-clause for loop; per is a local declared before the loop and the
// loop variable i is not part of it: hoisted as usual, the timer lines before the for.
package replies

import (
	"fmt"
	"time"
)

// Read reads n replies, allowing each one budget/n.
func Read(replies <-chan string, n int, budget time.Duration) ([]string, error) {
	var out []string
	per := budget / time.Duration(n)
	timer := time.NewTimer(per)
	defer timer.Stop()
	for i := 0; i < n; i++ {
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(per)
		select {
		case r := <-replies:
			out = append(out, r)
		case <-timer.C:
			return out, fmt.Errorf("reply %d: timeout", i)
		}
	}
	return out, nil
}
