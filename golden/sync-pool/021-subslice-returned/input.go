// Not rewritten: buf[:n] is returned and aliases the pooled array (reported).
package neg

import "io"

// Chunk returns the next chunk of r.
func Chunk(r io.Reader) ([]byte, error) {
	buf := make([]byte, 4096)
	n, err := r.Read(buf)
	return buf[:n], err
}
