// Two types have a sync.Map field of the same name: without types the rule cannot tell whose
// field `x.cache` is. Reported.
package main

import (
	"fmt"
	"strings"
	"sync"
)

type upper struct {
	cache sync.Map
}

type lower struct {
	cache sync.Map
}

var (
	up = &upper{}
	lo = &lower{}
)

func (u *upper) get(s string) string {
	if v, ok := u.cache.Load(s); ok {
		return v.(string)
	}
	v, _ := u.cache.LoadOrStore(s, strings.ToUpper(s))
	return v.(string)
}

func (l *lower) get(s string) string {
	if v, ok := l.cache.Load(s); ok {
		return v.(string)
	}
	v, _ := l.cache.LoadOrStore(s, strings.ToLower(s))
	return v.(string)
}

func main() {
	for i := 0; i < 2; i++ { // requests
		fmt.Println(up.get("a"), lo.get("B"))
	}
}
