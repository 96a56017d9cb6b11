// Not a candidate: make([]byte, n) with a size that is not a constant expression (silent).
package neg

import "io"

// ReadN reads n bytes of r as a string.
func ReadN(r io.Reader, n int) (string, error) {
	buf := make([]byte, n)
	_, err := io.ReadFull(r, buf)
	return string(buf), err
}
