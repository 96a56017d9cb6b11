// The bound comes from .leakfix.toml ([bound-map] max-entries).
package main

import (
	"fmt"
	"strconv"
)

// binaryMaxEntries bounds binary: when a new key would go beyond it, binary starts over empty.
const binaryMaxEntries = 1000

var binary = map[int]string{}

func toBinary(n int) string {
	if s, ok := binary[n]; ok {
		return s
	}
	s := strconv.FormatInt(int64(n), 2)
	if _, ok := binary[n]; !ok && len(binary) >= binaryMaxEntries {
		binary = make(map[int]string)
	}
	binary[n] = s
	return s
}

func main() {
	for i := 0; i < 3; i++ {
		fmt.Println(toBinary(i))
	}
}
