// The key calls a function: the eviction would call it twice. Reported.
package main

import (
	"fmt"
	"strings"
)

var lower = map[string]int{}

func rank(s string) int {
	if v, ok := lower[strings.ToLower(s)]; ok {
		return v
	}
	lower[strings.ToLower(s)] = len(s)
	return len(s)
}

func run() { fmt.Println(rank("A")) }

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
