// An earlier run bounded the declaration but not the write (it ran on this file only): the
// constant above the map is reused, not declared again.
package main

import "fmt"

// cubesMaxEntries bounds cubes: when a new key would go beyond it, cubes starts over empty.
const cubesMaxEntries = 65536

var cubes = map[int]int{}

func cube(n int) int {
	if v, ok := cubes[n]; ok {
		return v
	}
	cubes[n] = n * n * n
	return cubes[n]
}

func main() {
	for i := 0; i < 3; i++ {
		fmt.Println(cube(i))
	}
}
