// Get-or-create, then the entry is changed: forgetting it would lose the count. Reported.
package main

import "fmt"

type counter struct{ n int }

var perUser = map[string]*counter{}

func bump(user string) int {
	c, ok := perUser[user]
	if !ok {
		c = &counter{}
		perUser[user] = c
	}
	c.n++
	return c.n
}

func run() { fmt.Println(bump("a"), bump("a")) }

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
