// A counter per path: it grows, but evicting would lose counts. Reported.
package main

import "fmt"

var hits = map[string]int{}

func count(path string) { hits[path]++ }

func run() {
	count("/")
	fmt.Println(hits["/"])
}

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
