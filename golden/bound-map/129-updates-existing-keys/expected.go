// Writes that run only when the key is there already cannot add keys (inlheur's adjValues).
package weights

import (
	"strconv"
	"strings"
)

var weights = map[string]int{"loop": -5, "panic": 40}

// Set overrides weights from "name:value/name:value".
func Set(flag string) {
	for _, clause := range strings.Split(flag, "/") {
		name, val, _ := strings.Cut(clause, ":")
		if _, ok := weights[name]; !ok {
			continue
		}
		n, _ := strconv.Atoi(val)
		weights[name] = n
	}
}

// Bump adds one to a known weight.
func Bump(name string) {
	if w, ok := weights[name]; ok {
		weights[name] = w + 1
	}
}

// Weight returns a weight.
func Weight(name string) int { return weights[name] }
