// Leak: `r.mu.RLock(); defer r.mu.RUnlock()` inside a loop: every read lock is
// held until the function returns, so a writer is shut out for the whole loop
// (and a writer waiting in Lock would block the next RLock: a deadlock). The
// iteration exits through `continue` and the end of the body.
// Metric: blocked = iterations at which a writer could not have got the lock
// (probed with TryLock before taking the read lock).
package main

import (
	"fmt"
	"os"
	"sync"
)

type registry struct {
	mu sync.RWMutex
	m  map[string]int
}

// sum adds up the values of the keys that are present.
func (r *registry) sum(keys []string) (total, missing, blocked int) {
	for _, k := range keys {
		if r.mu.TryLock() {
			r.mu.Unlock()
		} else {
			blocked++
		}
		r.mu.RLock()
		defer r.mu.RUnlock()
		v, ok := r.m[k]
		if !ok {
			missing++
			continue
		}
		total += v
	}
	return total, missing, blocked
}

func main() {
	r := &registry{m: map[string]int{}}
	var keys []string
	for i := 0; i < 30; i++ {
		k := fmt.Sprintf("k%02d", i)
		keys = append(keys, k)
		if i%4 != 3 {
			r.m[k] = i * 10
		}
	}
	total, missing, blocked := r.sum(keys)
	fmt.Printf("total=%d missing=%d\n", total, missing)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC blocked=%d\n", blocked)
	free := 0
	if r.mu.TryLock() {
		r.mu.Unlock()
		free = 1
	}
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC free=%d\n", free)
}
