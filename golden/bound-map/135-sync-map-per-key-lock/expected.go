// A per-key lock: every caller of the same key must get the same mutex. Starting over would
// hand a second mutex to a later caller while the first is held. Reported.
package main

import (
	"fmt"
	"sync"
)

var locks sync.Map

func withLock(key string, f func()) {
	if v, ok := locks.Load(key); ok {
		mu := v.(*sync.Mutex)
		mu.Lock()
		defer mu.Unlock()
		f()
		return
	}
	v, _ := locks.LoadOrStore(key, &sync.Mutex{})
	mu := v.(*sync.Mutex)
	mu.Lock()
	defer mu.Unlock()
	f()
}

func main() {
	for i := 0; i < 2; i++ { // requests
		withLock(fmt.Sprint(i), func() { fmt.Println("locked") })
	}
}
