// Not rewritten: `x := b` copies the bytes.Buffer by value (reported).
package neg

import "bytes"

// Twice writes s twice and returns the length of a copy.
func Twice(s string) int {
	var b bytes.Buffer
	b.WriteString(s)
	x := b
	x.WriteString(s)
	return x.Len()
}
