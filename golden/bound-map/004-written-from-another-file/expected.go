// The map is declared here and written in store.go: the bound goes here, the eviction there.
package cache

import "sync"

var mu sync.Mutex

// sizesMaxEntries bounds sizes: when a new key would go beyond it, sizes starts over empty.
const sizesMaxEntries = 65536

var sizes = make(map[string]int)
