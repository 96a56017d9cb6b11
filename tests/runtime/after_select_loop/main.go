// Leak (go.mod says go 1.19, so pre-1.23 timer semantics apply): time.After in
// a `for { select { ... } }` loop makes a new one-hour timer on every
// iteration; none is collected before it fires.
// Metric: growth_mb = live heap growth (MB) after consuming 200,000 events.
package main

import (
	"fmt"
	"os"
	"runtime"
	"time"
)

const idleTimeout = time.Hour

type event struct {
	kind  int
	value int
}

// consume sums events until the channel is closed or it stays idle too long.
func consume(events <-chan event) (sum, n int) {
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return sum, n
			}
			if ev.kind == 0 {
				continue
			}
			sum += ev.value
			n++
		case <-time.After(idleTimeout):
			fmt.Println("idle")
			return sum, n
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
	events := make(chan event, n)
	for i := 0; i < n; i++ {
		events <- event{kind: i % 4, value: i % 100}
	}
	close(events)

	base := liveHeap()
	sum, count := consume(events)
	grown := liveHeap()
	fmt.Printf("events=%d sum=%d\n", count, sum)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC growth_mb=%.2f\n", (float64(grown)-float64(base))/(1<<20))
	runtime.KeepAlive(events)
}
