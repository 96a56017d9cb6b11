// Leak (go.mod says go 1.19, so pre-1.23 timer semantics apply): time.Tick in
// a function that returns; the ticker behind the channel can never be stopped
// and is never collected.
// Metric: growth_mb = live heap growth (MB) over 200,000 calls.
package main

import (
	"fmt"
	"os"
	"runtime"
	"time"
)

type job struct {
	id   int
	cost int
}

// take returns the next queued job, reporting once an hour while it waits.
func take(queue <-chan job) (job, bool) {
	c := time.Tick(time.Hour)
	for {
		select {
		case j, ok := <-queue:
			return j, ok
		case <-c:
			fmt.Fprintln(os.Stderr, "queue empty, waiting")
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
	queue := make(chan job, n)
	for i := 0; i < n; i++ {
		queue <- job{id: i, cost: i % 10}
	}
	close(queue)

	base := liveHeap()
	total, last := 0, -1
	for {
		j, ok := take(queue)
		if !ok {
			break
		}
		total += j.cost
		last = j.id
	}
	grown := liveHeap()
	fmt.Printf("total=%d last=%d\n", total, last)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC growth_mb=%.2f\n", (float64(grown)-float64(base))/(1<<20))
	runtime.KeepAlive(queue)
}
