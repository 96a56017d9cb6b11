// A map in a struct field: its lifetime is the struct's, not the process's.
package main

import "fmt"

type cache struct{ m map[string]int }

var c = &cache{m: map[string]int{}}

func (c *cache) get(k string) int {
	if v, ok := c.m[k]; ok {
		return v
	}
	c.m[k] = len(k)
	return c.m[k]
}

func run() { fmt.Println(c.get("abc")) }

func main() {
	for i := 0; i < 2; i++ { // a request loop
		run()
	}
}
