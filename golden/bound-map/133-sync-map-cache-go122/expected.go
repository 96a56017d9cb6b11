// A package-level sync.Map memoising a value computed from the key alone, filled with
// LoadOrStore after a missed Load: a counter of stored keys and a bound beside it, and the map
// starts over (below Go 1.23 by deleting every key: Clear is missing) when more keys than the bound were stored.
package main

import (
	"fmt"
	"regexp"
	"sync"
	"sync/atomic"
)

// cacheMaxEntries bounds cache: when more new keys than this were stored, cache starts over empty.
const cacheMaxEntries = 65536

// cacheStores counts the keys stored in cache since it last started over.
var cacheStores atomic.Int64

// cache holds compiled expressions.
var cache sync.Map

func compile(expr string) *regexp.Regexp {
	if v, ok := cache.Load(expr); ok {
		return v.(*regexp.Regexp)
	}
	re := regexp.MustCompile(expr)
	if cacheStores.Add(1) > cacheMaxEntries {
		cacheStores.Store(0)
		cache.Range(func(key, _ any) bool {
			cache.Delete(key)
			return true
		})
	}
	v, _ := cache.LoadOrStore(expr, re)
	return v.(*regexp.Regexp)
}

func main() {
	for i := 1; i <= 3; i++ { // a request loop: every iteration may bring a new expression
		fmt.Println(compile(fmt.Sprintf("a{%d}", i)).MatchString("aaa"))
	}
}
