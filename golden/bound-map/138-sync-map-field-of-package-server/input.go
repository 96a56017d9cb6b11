// A sync.Map field of a server that lives in a package-level variable, filled on request paths
// with LoadOrStore after a missed Load: the counter becomes a field of the server (the last one,
// after a blank line), the bound a package constant.
package main

import (
	"fmt"
	"strings"
	"sync"
)

type server struct {
	name  string
	cache sync.Map // normalised paths
}

var srv = &server{name: "main"}

func (s *server) normalise(p string) string {
	if v, ok := s.cache.Load(p); ok {
		return v.(string)
	}
	v, _ := s.cache.LoadOrStore(p, strings.ToLower(p))
	return v.(string)
}

func main() {
	for i := 0; i < 3; i++ { // requests
		fmt.Println(srv.name, srv.normalise(fmt.Sprintf("/A/%d", i)))
	}
}
