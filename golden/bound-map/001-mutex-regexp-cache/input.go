// A regexp cache guarded by a mutex: every new expression is compiled once and kept forever.
// The bound goes beside the map (above the var block and its comments), the eviction right
// before the write, inside the critical section.
package main

import (
	"fmt"
	"regexp"
	"sync"
)

var (
	mu sync.Mutex
	// cache holds compiled expressions.
	cache = map[string]*regexp.Regexp{}
)

func compile(expr string) (*regexp.Regexp, error) {
	mu.Lock()
	defer mu.Unlock()
	if re, ok := cache[expr]; ok {
		return re, nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	cache[expr] = re
	return re, nil
}

func main() {
	for i := 1; i <= 3; i++ { // a request loop: every iteration may bring a new expression
		re, _ := compile(fmt.Sprintf("a{%d}", i))
		fmt.Println(re.MatchString("aaa"))
	}
}
