// A sync.Map used as a set is reported: forgetting a member changes what the program does.
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
