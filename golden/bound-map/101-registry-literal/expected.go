// A registry filled by its literal and only read: nothing grows.
package main

import "fmt"

var codes = map[string]int{"ok": 200, "missing": 404}

func code(name string) int { return codes[name] }

func run() { fmt.Println(code("ok")) }

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
