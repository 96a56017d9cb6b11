// The map is handed to another function, which may prune it: left alone.
package main

import "fmt"

var pending = map[int]string{}

func add(id int, s string) { pending[id] = s }

func flush(m map[int]string) {
	for k := range m {
		delete(m, k)
	}
}

func run() {
	add(1, "a")
	flush(pending)
	fmt.Println(len(pending))
}

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
