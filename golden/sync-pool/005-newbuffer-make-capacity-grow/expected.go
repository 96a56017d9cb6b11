// Form A: `bytes.NewBuffer(make([]byte, 0, 4096))` asks for a capacity: the pooled buffer
// is Reset and then Grow(4096).
package csvish

import (
	"bytes"
	"strconv"
	"sync"
)

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// Row renders the fields as one comma-separated line.
func Row(fields []int) string {
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	b.Grow(4096)
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(f))
	}
	return b.String()
}
