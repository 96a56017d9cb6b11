// The loaded entry is changed through a type-asserted alias: entries carry a hit count, not
// only a cached answer. Reported.
package main

import (
	"fmt"
	"strings"
	"sync"
)

type entry struct {
	val  string
	hits int
}

var entries sync.Map

func lookup(key string) string {
	if v, ok := entries.Load(key); ok {
		e := v.(*entry)
		e.hits++
		return e.val
	}
	v, _ := entries.LoadOrStore(key, &entry{val: strings.ToLower(key)})
	return v.(*entry).val
}

func main() {
	for i := 0; i < 2; i++ { // requests
		fmt.Println(lookup("K"))
	}
}
