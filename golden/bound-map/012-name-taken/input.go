// The natural constant name is taken in the package: a fresh one is chosen.
package main

import "fmt"

var halvesMaxEntries = "taken"

var halves = map[int]float64{}

func half(n int) float64 {
	if v, ok := halves[n]; ok {
		return v
	}
	halves[n] = float64(n) / 2
	return halves[n]
}

func main() {
	for i := 0; i < 3; i++ {
		fmt.Println(half(i), halvesMaxEntries)
	}
}
