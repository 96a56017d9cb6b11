// Seeded in init and grown later: starting over would drop the seeds. Reported.
package main

import "fmt"

var fib = map[int]int{}

func init() {
	fib[0], fib[1] = 0, 1
}

func f(n int) int {
	if v, ok := fib[n]; ok {
		return v
	}
	v := f(n-1) + f(n-2)
	fib[n] = v
	return v
}

func main() { fmt.Println(f(10)) }
