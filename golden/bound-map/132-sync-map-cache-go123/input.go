// A package-level sync.Map memoising a value computed from the key alone, filled with
// LoadOrStore after a missed Load: a counter of stored keys and a bound beside it, and the map
// starts over (Clear, Go 1.23) when more keys than the bound were stored.
package main

import (
	"fmt"
	"regexp"
	"sync"
)

// cache holds compiled expressions.
var cache sync.Map

func compile(expr string) *regexp.Regexp {
	if v, ok := cache.Load(expr); ok {
		return v.(*regexp.Regexp)
	}
	re := regexp.MustCompile(expr)
	v, _ := cache.LoadOrStore(expr, re)
	return v.(*regexp.Regexp)
}

func main() {
	for i := 1; i <= 3; i++ { // a request loop: every iteration may bring a new expression
		fmt.Println(compile(fmt.Sprintf("a{%d}", i)).MatchString("aaa"))
	}
}
