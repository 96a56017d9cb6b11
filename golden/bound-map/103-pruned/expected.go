// Entries are deleted when a session ends: the map is already pruned.
package main

import "fmt"

var sessions = map[string]int{}

func start(id string, user int) {
	if _, ok := sessions[id]; !ok {
		sessions[id] = user
	}
}

func end(id string) { delete(sessions, id) }

func run() {
	start("s", 1)
	end("s")
	fmt.Println(len(sessions))
}

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
