// A package-level *sync.Map cache in a var block: bounded like a sync.Map value (Go 1.23: Clear).
package main

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
)

// labelsMaxEntries bounds labels: when more new keys than this were stored, labels starts over empty.
const labelsMaxEntries = 65536

// labelsStores counts the keys stored in labels since it last started over.
var labelsStores atomic.Int64

var (
	prefix = "id-"
	labels = &sync.Map{}
)

func label(n int) string {
	if v, ok := labels.Load(n); ok {
		return v.(string)
	}
	s := strconv.Itoa(n * 7)
	if labelsStores.Add(1) > labelsMaxEntries {
		labelsStores.Store(0)
		labels.Clear()
	}
	labels.Store(n, s)
	return s
}

func main() {
	for i := 0; i < 3; i++ { // requests
		fmt.Println(prefix + label(i))
	}
}
