// A map of a named map type: make() uses the name.
package main

import "fmt"

type memo map[string]int

// lengthsMaxEntries bounds lengths: when a new key would go beyond it, lengths starts over empty.
const lengthsMaxEntries = 65536

var lengths = memo{}

func length(s string) int {
	if n, ok := lengths[s]; ok {
		return n
	}
	n := len([]rune(s))
	if _, ok := lengths[s]; !ok && len(lengths) >= lengthsMaxEntries {
		lengths = make(memo)
	}
	lengths[s] = n
	return n
}

func main() {
	for s := "h"; len(s) < 4; s += "é" {
		fmt.Println(length(s))
	}
}
