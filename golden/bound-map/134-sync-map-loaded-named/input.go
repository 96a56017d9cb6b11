// LoadOrStore with no Load before it runs on every call, hits too: only the calls that stored a
// new key (loaded is false) count towards the bound, so the check goes after the call.
package main

import (
	"fmt"
	"strings"
	"sync"
)

var upper sync.Map

func toUpper(s string) string {
	v, loaded := upper.LoadOrStore(s, strings.ToUpper(s))
	if !loaded {
		fmt.Println("computed", s)
	}
	return v.(string)
}

func main() {
	words := []string{"a", "b", "a"}
	for i := 0; i < len(words); i++ { // requests
		s := words[i]
		fmt.Println(toUpper(s))
	}
}
