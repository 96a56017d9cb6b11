// Written outside init, but only with constant keys: at most two entries.
package main

import "fmt"

var stats = map[string]int{}

func hit(ok bool) {
	if ok {
		stats["ok"] = stats["ok"] + 1
	} else {
		stats["fail"] = 1
	}
}

func run() {
	hit(true)
	fmt.Println(stats["ok"])
}

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
