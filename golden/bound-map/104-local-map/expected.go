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

func run() { fmt.Println(count([]string{"a", "a"})) }

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
