// Lock/defer Unlock in a loop, but a return with values follows in the iteration: its values
// may need the lock while they are evaluated, so form (c) does not apply. Reported only.
package store

import "sync"

// Store is a map guarded by a mutex.
type Store struct {
	mu sync.Mutex
	m  map[string]string
}

// FirstHit returns the value of the first key present.
func (s *Store) FirstHit(keys []string) (string, bool) {
	for _, k := range keys {
		s.mu.Lock()
		defer s.mu.Unlock()
		if v, ok := s.m[k]; ok {
			return v, true
		}
	}
	return "", false
}
