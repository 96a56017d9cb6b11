// The map is ranged over (a report of all entries): bounding it would change the report.
package main

import "fmt"

var lastSeen = map[string]int{}

func see(user string, t int) {
	if old, ok := lastSeen[user]; ok && old >= t {
		return
	}
	lastSeen[user] = t
}

func dump() {
	for u, t := range lastSeen {
		fmt.Println(u, t)
	}
}

func main() {
	see("a", 1)
	dump()
}
