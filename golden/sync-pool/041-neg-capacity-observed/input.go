// b.Cap() observes the buffer's capacity: a pooled buffer comes back with whatever capacity
// its last user grew it to, so the program's output would change (bytes' own ExampleBuffer_Cap
// broke this way). Reported, not rewritten.
package neg

import (
	"bytes"
	"fmt"
)

// Report prints the capacity a fresh buffer gets for n bytes.
func Report(n int) {
	buf := bytes.NewBuffer(make([]byte, 0, 1024))
	buf.Grow(n)
	fmt.Println(buf.Cap())
}
