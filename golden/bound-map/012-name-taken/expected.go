// The natural constant name is taken in the package: a fresh one is chosen.
package main

import "fmt"

var halvesMaxEntries = "taken"

// halvesMaxEntries1 bounds halves: when a new key would go beyond it, halves starts over empty.
const halvesMaxEntries1 = 65536

var halves = map[int]float64{}

func half(n int) float64 {
	if v, ok := halves[n]; ok {
		return v
	}
	if _, ok := halves[n]; !ok && len(halves) >= halvesMaxEntries1 {
		halves = make(map[int]float64)
	}
	halves[n] = float64(n) / 2
	return halves[n]
}

func main() {
	for i := 0; i < 3; i++ {
		fmt.Println(half(i), halvesMaxEntries)
	}
}
