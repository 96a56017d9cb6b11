// The file is stored in a map that outlives the call.
package cache

import (
	"os"
	"sync"
)

// Files keeps files open by name.
type Files struct {
	mu    sync.Mutex
	files map[string]*os.File
}

// Open opens p and keeps it.
func (c *Files) Open(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.files[p] = f
	c.mu.Unlock()
	return nil
}
