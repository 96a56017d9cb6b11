// The bound comes from .leakfix.toml ([bound-map] max-entries).
package main

import "fmt"

// seenAtMaxEntries bounds seenAt: when a new key would go beyond it, seenAt starts over empty.
const seenAtMaxEntries = 1000

var seenAt = map[string]int{}

func firstSeen(name string, now int) int {
	if t, ok := seenAt[name]; ok {
		return t
	}
	if _, ok := seenAt[name]; !ok && len(seenAt) >= seenAtMaxEntries {
		seenAt = make(map[string]int)
	}
	seenAt[name] = now
	return now
}

func main() {
	for t := 0; t < 3; t++ {
		fmt.Println(firstSeen(fmt.Sprint("user", t%2), t))
	}
}
