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

func main() { fmt.Println(rank("A")) }
