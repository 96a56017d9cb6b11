// A resolver built once in main keeps a sync.Map of answers per name, filled with LoadOrStore
// after a missed Load by several goroutines: 300000 distinct names go through it. Before the
// fix the field holds all of them; after it (Go 1.22: no Clear, so every key is deleted), it
// starts over past the bound. The answers (stdout) are the same.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

type resolver struct {
	zone    string
	answers sync.Map
}

func newResolver(zone string) *resolver {
	return &resolver{zone: zone}
}

func (r *resolver) resolve(name string) string {
	if v, ok := r.answers.Load(name); ok {
		return v.(string)
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(name, "host"))
	addr := "10." + strconv.Itoa(n>>16&255) + "." + strconv.Itoa(n>>8&255) + "." + strconv.Itoa(n&255)
	v, _ := r.answers.LoadOrStore(name, addr)
	return v.(string)
}

func main() {
	const requests, workers = 300000, 4
	r := newResolver("example.")
	sums := make([]int, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < requests; i += workers {
				sums[w] += len(r.resolve("host"+strconv.Itoa(i))) + len(r.resolve("host"+strconv.Itoa(i/2)))
			}
		}(w)
	}
	wg.Wait()
	sum := 0
	for _, s := range sums {
		sum += s
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("zone:", r.zone, "requests:", requests, "checksum:", sum)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC heap_mb=%d\n", ms.HeapAlloc>>20)
}
