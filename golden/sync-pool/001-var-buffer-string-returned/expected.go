// Form A: a `var b bytes.Buffer` used only through its methods and returned as b.String(),
// which copies. The buffer comes from a package-level pool (named after the file) and goes
// back when the function returns; sync is imported.
package report

import (
	"bytes"
	"strings"
	"sync"
)

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// Join writes every name on its own line.
func Join(names []string) string {
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	for _, n := range names {
		b.WriteString(strings.TrimSpace(n))
		b.WriteByte('\n')
	}
	return b.String()
}
