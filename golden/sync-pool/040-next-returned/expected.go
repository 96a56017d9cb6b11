// Not rewritten: b.Next(n) aliases the buffer's memory and is returned (reported).
package neg

import "bytes"

// Head returns the first 4 bytes of s.
func Head(s string) []byte {
	b := bytes.NewBuffer(nil)
	b.WriteString(s)
	return b.Next(4)
}
