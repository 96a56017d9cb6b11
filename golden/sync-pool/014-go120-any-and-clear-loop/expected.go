// go 1.20 module: `any` is available (>= 1.18) but clear is not (needs 1.21), so the
// []byte is zeroed by a range loop.
package mid

import "io"
import "sync"

var inputBytes4096Pool = sync.Pool{
	New: func() any {
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
