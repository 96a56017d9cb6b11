// A memoising cache keyed by request: one million distinct keys go through it. Before the fix
// the package-level map ends up holding all of them; after it, never more than the bound. The
// answers (stdout) are the same: a forgotten entry is only computed again.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
)

var (
	mu      sync.Mutex
	squares = map[string]int{}
)

func square(key string) int {
	mu.Lock()
	defer mu.Unlock()
	if v, ok := squares[key]; ok {
		return v
	}
	n, _ := strconv.Atoi(key)
	v := n * n % 1000003
	squares[key] = v
	return v
}

func size() int {
	mu.Lock()
	defer mu.Unlock()
	return len(squares)
}

func main() {
	const requests = 1000000
	sum, peak := 0, 0
	for i := 0; i < requests; i++ {
		sum = (sum + square(strconv.Itoa(i))) % 1000003
		sum = (sum + square(strconv.Itoa(i/2))) % 1000003 // often a hit
		if n := size(); n > peak {
			peak = n
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("requests:", requests, "checksum:", sum)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC entries=%d\n", size())
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC peak=%d\n", peak)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC heap_mb=%d\n", ms.HeapAlloc>>20)
}
