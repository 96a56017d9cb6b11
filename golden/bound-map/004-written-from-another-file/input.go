// The map is declared here and written in store.go: the bound goes here, the eviction there.
package cache

import "sync"

var mu sync.Mutex

var sizes = make(map[string]int)
