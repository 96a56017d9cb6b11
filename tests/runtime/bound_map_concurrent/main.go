// The same memo map written by 8 goroutines under an RWMutex (reads under RLock, writes under
// Lock): run with -race before and after the fix. The eviction must sit inside the write's
// critical section, or the race detector stops the program (exit 66).
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
)

var (
	mu    sync.RWMutex
	names = map[int]string{}
)

func name(id int) string {
	mu.RLock()
	s, ok := names[id]
	mu.RUnlock()
	if ok {
		return s
	}
	s = "user-" + strconv.Itoa(id)
	mu.Lock()
	names[id] = s
	mu.Unlock()
	return s
}

func main() {
	const workers, perWorker = 8, 5000
	var wg sync.WaitGroup
	sums := make([]int, workers)
	peaks := make([]int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				sums[w] += len(name(w*perWorker + i))
				sums[w] += len(name(i)) // shared keys: hits and concurrent misses
				mu.RLock()
				if n := len(names); n > peaks[w] {
					peaks[w] = n
				}
				mu.RUnlock()
			}
		}(w)
	}
	wg.Wait()
	total, peak := 0, 0
	for w := range sums {
		total += sums[w]
		peak = max(peak, peaks[w])
	}
	fmt.Println("total length:", total)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC peak=%d\n", peak)
}
