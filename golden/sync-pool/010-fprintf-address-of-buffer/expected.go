// `&b` passed to fmt.Fprintf and fmt.Fprintln (allowlisted): once pooled, b is a pointer,
// so every `&b` becomes `b`.
package table

import (
	"bytes"
	"fmt"
	"sync"
)

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// Render prints name/score pairs, one per line, and a total.
func Render(names []string, scores []int) string {
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	total := 0
	for i, n := range names {
		fmt.Fprintf(b, "%-10s %5d\n", n, scores[i])
		total += scores[i]
	}
	fmt.Fprintln(b, "total", total)
	return b.String()
}
