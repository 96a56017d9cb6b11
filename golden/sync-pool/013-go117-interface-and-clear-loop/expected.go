// go 1.17 module: no `any` (needs 1.18) and no clear (needs 1.21), so the pools' New funcs
// return interface{} and the []byte is zeroed by a range loop. Both forms in one file.
package old

import (
	"bytes"
	"io"
	"sync"
)

var inputBufferPool = sync.Pool{
	New: func() interface{} { return new(bytes.Buffer) },
}

// Quote wraps s in brackets.
func Quote(s string) string {
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	b.WriteByte('[')
	b.WriteString(s)
	b.WriteByte(']')
	return b.String()
}

var inputBytes4096Pool = sync.Pool{
	New: func() interface{} {
		b := make([]byte, 4096)
		return &b
	},
}

// First returns the first chunk r yields.
func First(r io.Reader) (string, error) {
	bufp := inputBytes4096Pool.Get().(*[]byte)
	defer inputBytes4096Pool.Put(bufp)
	buf := *bufp
	for i := range buf {
		buf[i] = 0
	}
	n, err := r.Read(buf)
	return string(buf[:n]), err
}
