// A memoising cache in a package-level sync.Map, filled with LoadOrStore after a missed Load
// by several goroutines: 300000 distinct keys go through it. Before the fix the map holds all of
// them; after it, it starts over once more keys than the bound were stored. The answers (stdout)
// are the same: a forgotten entry is only computed again.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
)

var squares sync.Map

func square(key string) string {
	if v, ok := squares.Load(key); ok {
		return v.(string)
	}
	n, _ := strconv.Atoi(key)
	s := strconv.Itoa(n * n % 1000003)
	v, _ := squares.LoadOrStore(key, s)
	return v.(string)
}

func main() {
	const requests, workers = 300000, 4
	sums := make([]int, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < requests; i += workers {
				a, _ := strconv.Atoi(square(strconv.Itoa(i)))
				b, _ := strconv.Atoi(square(strconv.Itoa(i / 2))) // often a hit
				sums[w] = (sums[w] + a + b) % 1000003
			}
		}(w)
	}
	wg.Wait()
	sum := 0
	for _, s := range sums {
		sum = (sum + s) % 1000003
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("requests:", requests, "checksum:", sum)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC heap_mb=%d\n", ms.HeapAlloc>>20)
}
