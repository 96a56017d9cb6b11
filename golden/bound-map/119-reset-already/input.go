// Reset when it gets large: already bounded by hand.
package main

import "fmt"

var memo = map[int]int{}

func sq(n int) int {
	if v, ok := memo[n]; ok {
		return v
	}
	if len(memo) > 1000 {
		memo = map[int]int{}
	}
	memo[n] = n * n
	return memo[n]
}

func run() { fmt.Println(sq(3)) }

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
