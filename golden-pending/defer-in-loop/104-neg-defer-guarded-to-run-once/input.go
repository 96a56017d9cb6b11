// grpc-go interop/test_utils.go:836: a lock taken at most once per call (a flag guards it) and
// released by a defer in the loop: it must stay held until the function returns.
package golden

import "sync"

type recorder struct {
	mu      sync.Mutex
	metrics map[string]float64
}

func (r *recorder) record(batches [][]string) int {
	locked := false
	n := 0
	for _, batch := range batches {
		if len(batch) == 0 {
			continue
		}
		if !locked {
			r.mu.Lock()
			defer r.mu.Unlock()
			locked = true
		}
		for _, name := range batch {
			r.metrics[name]++
			n++
		}
	}
	return n
}
