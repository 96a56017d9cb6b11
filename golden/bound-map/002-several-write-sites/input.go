// Two memoising functions share one cache, and one of them stores in two places: every write
// that adds a key gets its own eviction.
package cache

import (
	"strconv"
	"strings"
	"sync"
)

var (
	mu    sync.Mutex
	names = make(map[string]string)
)

// Normalize memoises strings.ToLower.
func Normalize(s string) string {
	mu.Lock()
	defer mu.Unlock()
	if v, ok := names[s]; ok {
		return v
	}
	v := strings.ToLower(s)
	names[s] = v
	return v
}

// Label memoises a label per id; short ids are stored as they are.
func Label(id int) string {
	key := strconv.Itoa(id)
	mu.Lock()
	defer mu.Unlock()
	if v, ok := names[key]; ok {
		return v
	}
	if id < 10 {
		names[key] = key
		return key
	}
	v := "id-" + key
	names[key] = v
	return v
}
