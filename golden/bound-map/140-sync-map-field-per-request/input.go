// The value holding the sync.Map is built per request and dropped with it: nothing outlives the
// request, so nothing grows. Silent.
package main

import (
	"fmt"
	"strings"
	"sync"
)

type walker struct {
	seen sync.Map
}

func (w *walker) upper(s string) string {
	if v, ok := w.seen.Load(s); ok {
		return v.(string)
	}
	v, _ := w.seen.LoadOrStore(s, strings.ToUpper(s))
	return v.(string)
}

func handle(words []string) {
	w := &walker{}
	for _, s := range words {
		fmt.Println(w.upper(s))
	}
}

func main() {
	for i := 0; i < 2; i++ { // requests
		handle([]string{"a", "b"})
	}
}
