// The field is reached through a call (`current().cache`): the count beside the store would
// call it a second time. Reported.
package main

import (
	"fmt"
	"strings"
	"sync"
)

type server struct {
	cache sync.Map
}

var srv = &server{}

func current() *server { return srv }

func lookup(k string) string {
	if v, ok := current().cache.Load(k); ok {
		return v.(string)
	}
	v, _ := current().cache.LoadOrStore(k, strings.ToUpper(k))
	return v.(string)
}

func main() {
	for i := 0; i < 2; i++ { // requests
		fmt.Println(lookup("a"))
	}
}
