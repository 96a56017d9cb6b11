// Not a candidate: make([]byte, 512) is below the default minimum of 1024 bytes (silent).
package neg

import "io"

// Peek returns the first bytes of r as a string.
func Peek(r io.Reader) (string, error) {
	buf := make([]byte, 512)
	n, err := r.Read(buf)
	return string(buf[:n]), err
}
