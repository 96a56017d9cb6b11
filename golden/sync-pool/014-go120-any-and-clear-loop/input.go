// go 1.20 module: `any` is available (>= 1.18) but clear is not (needs 1.21), so the
// []byte is zeroed by a range loop.
package mid

import "io"

// First returns the first chunk r yields.
func First(r io.Reader) (string, error) {
	buf := make([]byte, 4096)
	n, err := r.Read(buf)
	return string(buf[:n]), err
}
