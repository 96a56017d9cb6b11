// Not rewritten: the buffer is kept in a package variable after the call (reported).
package neg

import "io"

var last []byte

// Remember reads a chunk of r and keeps it as the last one seen.
func Remember(r io.Reader) (int, error) {
	buf := make([]byte, 4096)
	n, err := r.Read(buf)
	last = buf
	return n, err
}
