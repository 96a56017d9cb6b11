// b.Bytes() is assigned to a new local, data, which is only indexed and converted to a string
// (a copy): leakfix follows the alias and pools the buffer.
package neg

import "bytes"
import "sync"

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// Upper returns s in upper case (ASCII only).
func Upper(s string) string {
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	b.WriteString(s)
	data := b.Bytes()
	for i, c := range data {
		if 'a' <= c && c <= 'z' {
			data[i] = c - 'a' + 'A'
		}
	}
	return string(data)
}
