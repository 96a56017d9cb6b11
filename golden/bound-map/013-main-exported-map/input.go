// An exported map in package main is nobody else's: it is bounded like an unexported one.
package main

import "fmt"

// Doubles memoises n*2.
var Doubles = map[int]int{}

func double(n int) int {
	if v, ok := Doubles[n]; ok {
		return v
	}
	Doubles[n] = 2 * n
	return Doubles[n]
}

func main() {
	for i := 0; i < 3; i++ {
		fmt.Println(double(i))
	}
}
