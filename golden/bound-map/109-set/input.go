// A set of warned names: forgetting one would warn again, so it is reported, not bounded.
package main

import "fmt"

var warned = map[string]bool{}

func warnOnce(name string) {
	if warned[name] {
		return
	}
	warned[name] = true
	fmt.Println("deprecated:", name)
}

func run() {
	warnOnce("a")
	warnOnce("a")
}

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
