// Copies are fine: append(dst, buf[:n]...) copies the bytes into dst, bytes.Clone copies
// b.Bytes(). N = 1024 is exactly the default minimum.
package copies

import (
	"bytes"
	"io"
)

// AppendChunk appends one chunk of r to dst.
func AppendChunk(dst []byte, r io.Reader) ([]byte, error) {
	buf := make([]byte, 1024)
	n, err := r.Read(buf)
	if err != nil && err != io.EOF {
		return dst, err
	}
	return append(dst, buf[:n]...), nil
}

// Prefixed returns a fresh slice holding prefix followed by s.
func Prefixed(prefix, s string) []byte {
	var b bytes.Buffer
	b.WriteString(prefix)
	b.WriteString(s)
	return bytes.Clone(b.Bytes())
}
