// go 1.17 module: no `any` (needs 1.18) and no clear (needs 1.21), so the pools' New funcs
// return interface{} and the []byte is zeroed by a range loop. Both forms in one file.
package old

import (
	"bytes"
	"io"
)

// Quote wraps s in brackets.
func Quote(s string) string {
	var b bytes.Buffer
	b.WriteByte('[')
	b.WriteString(s)
	b.WriteByte(']')
	return b.String()
}

// First returns the first chunk r yields.
func First(r io.Reader) (string, error) {
	buf := make([]byte, 4096)
	n, err := r.Read(buf)
	return string(buf[:n]), err
}
