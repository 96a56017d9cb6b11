// Bug: `mu.Lock(); defer mu.Unlock()` on one shared mutex inside a loop: the
// second iteration's Lock waits for an Unlock that only runs when the function
// returns, i.e. a self-deadlock. So that the unfixed program ends instead of
// hanging, each iteration first probes the mutex with TryLock; when it is
// still held the program reports held=1 and exits with status 3 (stdout up to
// that point is what the fixed program prints first). The iteration exits
// through `continue` and the end of the body.
// Metrics: held = 1 when an iteration found the mutex still held; batches =
// how many batches were recorded.
package main

import (
	"fmt"
	"os"
	"sort"
	"sync"
)

type entry struct {
	key string
	n   int
}

var (
	mu     sync.Mutex
	totals = map[string]int{}
)

// record adds a batch of entries to the shared totals.
func record(batch []entry) int {
	added := 0
	for _, e := range batch {
		if !mu.TryLock() { // probe: mu.Lock would deadlock here
			fmt.Fprintln(os.Stderr, "LEAKFIX-METRIC held=1")
			os.Exit(3)
		}
		mu.Unlock()
		mu.Lock()
		defer mu.Unlock()
		if e.n == 0 {
			continue
		}
		totals[e.key] += e.n
		added++
	}
	return added
}

func main() {
	batches := [][]entry{
		{{"a", 1}},
		{{"b", 2}},
		{{"a", 3}, {"c", 0}, {"b", 4}},
		{{"c", 5}, {"a", 6}},
	}
	fmt.Fprintln(os.Stderr, "LEAKFIX-METRIC held=0")
	for i, b := range batches {
		n := record(b)
		fmt.Printf("batch %d: %d entries\n", i, n)
		fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC batches=%d\n", i+1)
	}
	keys := make([]string, 0, len(totals))
	for k := range totals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s=%d\n", k, totals[k])
	}
}
