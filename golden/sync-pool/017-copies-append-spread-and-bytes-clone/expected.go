// Copies are fine: append(dst, buf[:n]...) copies the bytes into dst, bytes.Clone copies
// b.Bytes(). N = 1024 is exactly the default minimum.
package copies

import (
	"bytes"
	"io"
	"sync"
)

var inputBytes1024Pool = sync.Pool{
	New: func() any {
		b := make([]byte, 1024)
		return &b
	},
}

// AppendChunk appends one chunk of r to dst.
func AppendChunk(dst []byte, r io.Reader) ([]byte, error) {
	bufp := inputBytes1024Pool.Get().(*[]byte)
	defer inputBytes1024Pool.Put(bufp)
	buf := *bufp
	clear(buf)
	n, err := r.Read(buf)
	if err != nil && err != io.EOF {
		return dst, err
	}
	return append(dst, buf[:n]...), nil
}

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// Prefixed returns a fresh slice holding prefix followed by s.
func Prefixed(prefix, s string) []byte {
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	b.WriteString(prefix)
	b.WriteString(s)
	return bytes.Clone(b.Bytes())
}
