// c.mu.RLock() directly followed by defer c.mu.RUnlock() in a loop: the read locks pile up
// until Lookup returns, and a writer waiting meanwhile blocks the next RLock (deadlock).
// RUnlock before the continue and at the end of the iteration.
package cache

import "sync"

// Cache is a map guarded by a RWMutex.
type Cache struct {
	mu sync.RWMutex
	m  map[string]string
}

// Lookup copies the values found for keys into dst.
func (c *Cache) Lookup(keys []string, dst map[string]string) {
	for _, k := range keys {
		c.mu.RLock()
		defer c.mu.RUnlock()
		v, ok := c.m[k]
		if !ok {
			continue
		}
		dst[k] = v
	}
}
