// A sync.Map field of a server that lives in a package-level variable, filled on request paths
// with LoadOrStore after a missed Load: the counter becomes a field of the server (the last one,
// after a blank line), the bound a package constant.
package main

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
)

// serverCacheMaxEntries bounds server.cache: when more new keys than this were stored, it starts over empty.
const serverCacheMaxEntries = 65536

type server struct {
	name  string
	cache sync.Map // normalised paths

	// cacheStores counts the keys stored in cache since it last started over.
	cacheStores atomic.Int64
}

var srv = &server{name: "main"}

func (s *server) normalise(p string) string {
	if v, ok := s.cache.Load(p); ok {
		return v.(string)
	}
	if s.cacheStores.Add(1) > serverCacheMaxEntries {
		s.cacheStores.Store(0)
		s.cache.Range(func(key, _ any) bool {
			s.cache.Delete(key)
			return true
		})
	}
	v, _ := s.cache.LoadOrStore(p, strings.ToLower(p))
	return v.(string)
}

func main() {
	for i := 0; i < 3; i++ { // requests
		fmt.Println(srv.name, srv.normalise(fmt.Sprintf("/A/%d", i)))
	}
}
