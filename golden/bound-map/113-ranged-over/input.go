// The map is ranged over (a report of all entries): bounding it would change the report.
package main

import "fmt"

var lastSeen = map[string]int{}

func see(user string) {
	if _, ok := lastSeen[user]; ok {
		return
	}
	lastSeen[user] = len(user)
}

func dump() {
	for u, t := range lastSeen {
		fmt.Println(u, t)
	}
}

func run() {
	see("a")
	dump()
}

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
