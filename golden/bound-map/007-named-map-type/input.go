// A map of a named map type: make() uses the name.
package main

import "fmt"

type memo map[string]int

var lengths = memo{}

func length(s string) int {
	if n, ok := lengths[s]; ok {
		return n
	}
	n := len([]rune(s))
	lengths[s] = n
	return n
}

func main() {
	for s := "h"; len(s) < 4; s += "é" {
		fmt.Println(length(s))
	}
}
