// Form A: `b := new(bytes.Buffer)` written through fmt.Fprintf (allowlisted) and returned as
// a string copy: pooled.
package kv

import (
	"bytes"
	"fmt"
	"sort"
	"sync"
)

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// Format renders m as sorted key=value lines.
func Format(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	for _, k := range keys {
		fmt.Fprintf(b, "%s=%d\n", k, m[k])
	}
	return b.String()
}
