// The file already imports sync (for a Mutex): the pool is declared, no import is added.
package counter

import (
	"bytes"
	"strconv"
	"sync"
)

var (
	mu    sync.Mutex
	count int
)

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// Next returns the next label.
func Next(prefix string) string {
	mu.Lock()
	count++
	c := count
	mu.Unlock()
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	b.WriteString(prefix)
	b.WriteByte('-')
	b.WriteString(strconv.Itoa(c))
	return b.String()
}
