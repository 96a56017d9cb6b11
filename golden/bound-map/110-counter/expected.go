// A counter per path: it grows, but evicting would lose counts. Reported.
package main

import "fmt"

var hits = map[string]int{}

func count(path string) { hits[path]++ }

func main() {
	count("/")
	fmt.Println(hits["/"])
}
