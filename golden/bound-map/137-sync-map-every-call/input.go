// LoadOrStore on every call with its loaded result dropped: the rule cannot tell new keys from
// hits, so it cannot count what the map holds. Reported.
package main

import (
	"fmt"
	"strings"
	"sync"
)

var trimmed sync.Map

func trim(s string) string {
	v, _ := trimmed.LoadOrStore(s, strings.TrimSpace(s))
	return v.(string)
}

func main() {
	words := []string{" a", "b "}
	for i := 0; i < len(words); i++ { // requests
		s := words[i]
		fmt.Println(trim(s))
	}
}
