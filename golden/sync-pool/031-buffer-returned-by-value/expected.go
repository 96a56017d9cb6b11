// Not rewritten: `return b` copies the bytes.Buffer by value, sharing its array (reported).
package neg

import "bytes"

// New returns a buffer primed with s.
func New(s string) bytes.Buffer {
	var b bytes.Buffer
	b.WriteString(s)
	return b
}
