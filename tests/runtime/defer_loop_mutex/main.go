// Leak: `a.mu.Lock(); defer a.mu.Unlock()` inside a loop over accounts: each
// account stays locked until the function returns, so every lock is held at
// once (and any other goroutine touching an account already visited would
// block). The iteration exits through `continue` and the end of the body.
// Metric: peak = the most account locks held at once during the loop (probed
// with TryLock); after = locks still held once the function returned.
package main

import (
	"fmt"
	"os"
	"sync"
)

type account struct {
	mu      sync.Mutex
	id      int
	balance int
}

// lockedCount probes every account's lock without blocking.
func lockedCount(accts []*account) int {
	n := 0
	for _, a := range accts {
		if a.mu.TryLock() {
			a.mu.Unlock()
		} else {
			n++
		}
	}
	return n
}

// applyInterest credits interest to every account with a positive balance.
func applyInterest(accts []*account, ratePct int) (credited, peak int) {
	for _, a := range accts {
		a.mu.Lock()
		defer a.mu.Unlock()
		if n := lockedCount(accts); n > peak {
			peak = n
		}
		if a.balance <= 0 {
			continue
		}
		a.balance += a.balance * ratePct / 100
		credited++
	}
	return credited, peak
}

func main() {
	var accts []*account
	for i := 0; i < 40; i++ {
		accts = append(accts, &account{id: i, balance: (i%5 - 1) * 100})
	}
	credited, peak := applyInterest(accts, 3)
	total := 0
	for _, a := range accts {
		total += a.balance
	}
	fmt.Printf("credited=%d total=%d\n", credited, total)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC peak=%d\n", peak)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC after=%d\n", lockedCount(accts))
}
