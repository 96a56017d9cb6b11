// The bound comes from .leakfix.toml ([bound-map] max-entries).
package main

import "fmt"

var seenAt = map[string]int{}

func firstSeen(name string, now int) int {
	if t, ok := seenAt[name]; ok {
		return t
	}
	seenAt[name] = now
	return now
}

func main() {
	for t := 0; t < 3; t++ {
		fmt.Println(firstSeen(fmt.Sprint("user", t%2), t))
	}
}
