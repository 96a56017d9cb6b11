// A sync.Map that is ranged over (a registry listed elsewhere): starting over changes what the
// loop sees. Reported.
package main

import (
	"fmt"
	"strings"
	"sync"
)

var names sync.Map

func canonical(s string) string {
	if v, ok := names.Load(s); ok {
		return v.(string)
	}
	v, _ := names.LoadOrStore(s, strings.ToLower(s))
	return v.(string)
}

func dump() {
	names.Range(func(k, v any) bool {
		fmt.Println(k, v)
		return true
	})
}

func main() {
	words := []string{"A", "B"}
	for i := 0; i < len(words); i++ { // requests
		s := words[i]
		fmt.Println(canonical(s))
	}
	dump()
}
