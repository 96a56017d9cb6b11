// A function-local map dies with the call.
package main

import "fmt"

func count(words []string) map[string]int {
	m := map[string]int{}
	for _, w := range words {
		m[w]++
	}
	return m
}

func main() { fmt.Println(count([]string{"a", "a"})) }
