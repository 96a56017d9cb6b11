// Leak (go.mod says go 1.19, so pre-1.23 timer semantics apply): a ticker that
// is never stopped stays in the runtime's timer heap, and is never collected,
// even after the function that made it returns.
// Metric: growth_mb = live heap growth (MB) over 200,000 calls.
package main

import (
	"fmt"
	"os"
	"runtime"
	"time"
)

// next waits for the next result, logging a line every hour it has to wait.
func next(results <-chan int) (int, bool) {
	t := time.NewTicker(time.Hour)
	for {
		select {
		case v, ok := <-results:
			return v, ok
		case <-t.C:
			fmt.Fprintln(os.Stderr, "still waiting")
		}
	}
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func main() {
	const n = 200000
	results := make(chan int, n)
	for i := 0; i < n; i++ {
		results <- i % 1000
	}
	close(results)

	base := liveHeap()
	sum, count := 0, 0
	for {
		v, ok := next(results)
		if !ok {
			break
		}
		sum += v
		count++
	}
	grown := liveHeap()
	fmt.Printf("count=%d sum=%d\n", count, sum)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC growth_mb=%.2f\n", (float64(grown)-float64(base))/(1<<20))
	runtime.KeepAlive(results)
}
