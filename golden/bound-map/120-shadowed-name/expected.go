// A function declares a local with the map's name: which uses are the map is not certain. Reported.
package main

import "fmt"

var idx = map[string]int{}

func lookup(s string) int {
	if v, ok := idx[s]; ok {
		return v
	}
	idx[s] = len(s)
	return idx[s]
}

func other() int {
	idx := map[string]int{"x": 1}
	return idx["x"]
}

func run() { fmt.Println(lookup("ab"), other()) }

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
