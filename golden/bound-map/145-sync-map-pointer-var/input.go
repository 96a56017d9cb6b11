// A package-level *sync.Map cache in a var block: bounded like a sync.Map value (Go 1.23: Clear).
package main

import (
	"fmt"
	"strconv"
	"sync"
)

var (
	prefix = "id-"
	labels = &sync.Map{}
)

func label(n int) string {
	if v, ok := labels.Load(n); ok {
		return v.(string)
	}
	s := strconv.Itoa(n * 7)
	labels.Store(n, s)
	return s
}

func main() {
	for i := 0; i < 3; i++ { // requests
		fmt.Println(prefix + label(i))
	}
}
