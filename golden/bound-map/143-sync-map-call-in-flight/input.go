// Duplicate calls are folded: the first caller of a key stores a call that the others wait on.
// A new call per key stands for work under way (it holds a WaitGroup): starting over would let
// a second caller start the same work. Reported.
package main

import (
	"fmt"
	"strings"
	"sync"
)

type call struct {
	wg  sync.WaitGroup
	val string
}

var calls sync.Map

func fetch(key string) string {
	if v, ok := calls.Load(key); ok {
		c := v.(*call)
		c.wg.Wait()
		return c.val
	}
	c := &call{}
	c.wg.Add(1)
	actual, loaded := calls.LoadOrStore(key, c)
	if loaded {
		c = actual.(*call)
		c.wg.Wait()
		return c.val
	}
	c.val = strings.ToUpper(key)
	c.wg.Done()
	return c.val
}

func main() {
	for i := 0; i < 2; i++ { // requests
		fmt.Println(fetch(fmt.Sprint("k", i)))
	}
}
