// init stores entries that no request recomputes the same way: starting over would lose them.
// Reported.
package main

import (
	"fmt"
	"strings"
	"sync"
)

var canon sync.Map

func init() {
	canon.Store("colour", "color")
}

func canonical(word string) string {
	if v, ok := canon.Load(word); ok {
		return v.(string)
	}
	v, _ := canon.LoadOrStore(word, strings.ToLower(word))
	return v.(string)
}

func main() {
	for i := 0; i < 2; i++ { // requests
		fmt.Println(canonical("colour"), canonical("Word"))
	}
}
