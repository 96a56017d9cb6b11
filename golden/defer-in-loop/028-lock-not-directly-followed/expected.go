// mu.Lock() is not directly followed by defer mu.Unlock() (a statement sits between them):
// not form (c). Any other defer in a loop is reported only.
package total

import "sync"

var mu sync.Mutex

// Add adds the lengths of words to *total under mu.
func Add(total *int, words []string) {
	for _, w := range words {
		mu.Lock()
		n := len(w)
		defer mu.Unlock()
		*total += n
	}
}
