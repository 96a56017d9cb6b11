// Declared without a value and made in init: still a cache that only grows.
package main

import "fmt"

// squaresMaxEntries bounds squares: when a new key would go beyond it, squares starts over empty.
const squaresMaxEntries = 65536

var squares map[int]int

func init() {
	squares = make(map[int]int)
}

func square(n int) int {
	if v, ok := squares[n]; ok {
		return v
	}
	v := n * n
	if _, ok := squares[n]; !ok && len(squares) >= squaresMaxEntries {
		squares = make(map[int]int)
	}
	squares[n] = v
	return v
}

func main() {
	for i := 0; i < 3; i++ {
		fmt.Println(square(i))
	}
}
