// c.mu.Lock() directly followed by defer c.mu.Unlock() in a loop: the second iteration's Lock
// deadlocks on the lock of the first, released only when Add returns. Only a bare return
// follows (no values that could need the lock): Unlock before it and at the end of the body.
package counter

import "sync"

// Counter counts words.
type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

// Add counts words up to the first empty one.
func (c *Counter) Add(words []string) {
	for _, w := range words {
		c.mu.Lock()
		if w == "" {
			c.mu.Unlock()
			return
		}
		c.n[w]++
		c.mu.Unlock()
	}
}
