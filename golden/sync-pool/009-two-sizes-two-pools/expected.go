// Three functions with make([]byte, N): sizes 4096 and 8192 get a pool each (declared before
// the first function using it); the third function reuses the 4096 pool.
package frames

import "io"
import "sync"

var inputBytes4096Pool = sync.Pool{
	New: func() any {
		b := make([]byte, 4096)
		return &b
	},
}

// Small reads one small frame and returns it as a string.
func Small(r io.Reader) (string, error) {
	bufp := inputBytes4096Pool.Get().(*[]byte)
	defer inputBytes4096Pool.Put(bufp)
	buf := *bufp
	clear(buf)
	n, err := r.Read(buf)
	return string(buf[:n]), err
}

var inputBytes8192Pool = sync.Pool{
	New: func() any {
		b := make([]byte, 8192)
		return &b
	},
}

// Large reads one large frame and returns it as a string.
func Large(r io.Reader) (string, error) {
	bufp := inputBytes8192Pool.Get().(*[]byte)
	defer inputBytes8192Pool.Put(bufp)
	buf := *bufp
	clear(buf)
	n, err := r.Read(buf)
	return string(buf[:n]), err
}

// Skip discards one small frame and returns its length.
func Skip(r io.Reader) (int, error) {
	bufp := inputBytes4096Pool.Get().(*[]byte)
	defer inputBytes4096Pool.Put(bufp)
	buf := *bufp
	clear(buf)
	return r.Read(buf)
}
