// A mapper built once by its New function in main and used by every request: its sync.Map
// field only grows. Bounded like a package-level one, the counter a field of the mapper.
package main

import (
	"fmt"
	"strconv"
	"sync"
)

type mapper struct {
	ids sync.Map
}

func newMapper() *mapper {
	return &mapper{}
}

func (m *mapper) id(name string) int {
	if v, ok := m.ids.Load(name); ok {
		return v.(int)
	}
	n, _ := strconv.Atoi(name)
	m.ids.Store(name, n*2)
	return n * 2
}

func main() {
	m := newMapper()
	for i := 0; i < 3; i++ { // requests
		fmt.Println(m.id(strconv.Itoa(i)))
	}
}
