// time.After in a for-select allocates a new timer on every iteration, each live until it
// fires (before Go 1.23). d is a package constant: one timer is created before the loop and
// stopped, drained and reset before each select.
package idle

import "time"

const idleTimeout = 30 * time.Second

// Drain reads from in until it is closed or idle for idleTimeout, and returns the bytes read.
func Drain(in <-chan []byte) int {
	n := 0
	for {
		select {
		case b, ok := <-in:
			if !ok {
				return n
			}
			n += len(b)
		case <-time.After(idleTimeout):
			return n
		}
	}
}
