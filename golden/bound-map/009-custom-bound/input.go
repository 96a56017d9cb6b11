// The bound comes from .leakfix.toml ([bound-map] max-entries).
package main

import (
	"fmt"
	"strconv"
)

var binary = map[int]string{}

func toBinary(n int) string {
	if s, ok := binary[n]; ok {
		return s
	}
	s := strconv.FormatInt(int64(n), 2)
	binary[n] = s
	return s
}

func main() {
	for i := 0; i < 3; i++ {
		fmt.Println(toBinary(i))
	}
}
