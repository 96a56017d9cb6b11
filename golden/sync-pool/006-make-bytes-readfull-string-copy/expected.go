// Form B: `buf := make([]byte, 4096)` filled by io.ReadFull; only string(buf[:n]) (a copy)
// leaves the function: a *[]byte pool, cleared after Get (go 1.22: clear).
package head

import "io"
import "sync"

var inputBytes4096Pool = sync.Pool{
	New: func() any {
		b := make([]byte, 4096)
		return &b
	},
}

// Head returns up to the first 4096 bytes of r.
func Head(r io.Reader) (string, error) {
	bufp := inputBytes4096Pool.Get().(*[]byte)
	defer inputBytes4096Pool.Put(bufp)
	buf := *bufp
	clear(buf)
	n, err := io.ReadFull(r, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "", err
	}
	return string(buf[:n]), nil
}
