// A sync.Map that only grows is reported: it has no length, so no bound can be written for it.
package main

import (
	"fmt"
	"sync"
)

var seen sync.Map

func visit(url string) bool {
	_, loaded := seen.LoadOrStore(url, true)
	return !loaded
}

func run() { fmt.Println(visit("a"), visit("a")) }

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
