// Filled in init (and by a function only init calls): a registry, not a leak.
package main

import (
	"fmt"
	"strings"
)

var upper = map[string]string{}

func register(words ...string) {
	for _, w := range words {
		upper[w] = strings.ToUpper(w)
	}
}

func init() {
	register("a", "b")
	for _, w := range []string{"c", "d"} {
		upper[w] = strings.ToUpper(w)
	}
}

func main() { fmt.Println(upper["a"]) }
