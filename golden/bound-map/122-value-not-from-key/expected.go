// The stored value (the time of the first visit) is not computed from the key: forgetting it
// would record a later time. Reported.
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
