// A mapper built once by its New function in main and used by every request: its sync.Map
// field only grows. Bounded like a package-level one, the counter a field of the mapper.
package main

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
)

// mapperIdsMaxEntries bounds mapper.ids: when more new keys than this were stored, it starts over empty.
const mapperIdsMaxEntries = 65536

type mapper struct {
	ids sync.Map

	// idsStores counts the keys stored in ids since it last started over.
	idsStores atomic.Int64
}

func newMapper() *mapper {
	return &mapper{}
}

func (m *mapper) id(name string) int {
	if v, ok := m.ids.Load(name); ok {
		return v.(int)
	}
	n, _ := strconv.Atoi(name)
	if m.idsStores.Add(1) > mapperIdsMaxEntries {
		m.idsStores.Store(0)
		m.ids.Range(func(key, _ any) bool {
			m.ids.Delete(key)
			return true
		})
	}
	m.ids.Store(name, n*2)
	return n * 2
}

func main() {
	m := newMapper()
	for i := 0; i < 3; i++ { // requests
		fmt.Println(m.id(strconv.Itoa(i)))
	}
}
