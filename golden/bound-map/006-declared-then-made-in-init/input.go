// Declared without a value and made in init: still a cache that only grows.
package main

import "fmt"

var squares map[int]int

func init() {
	squares = make(map[int]int)
}

func square(n int) int {
	if v, ok := squares[n]; ok {
		return v
	}
	v := n * n
	squares[n] = v
	return v
}

func main() {
	for i := 0; i < 3; i++ {
		fmt.Println(square(i))
	}
}
