// Two functions of one file each with a `var b bytes.Buffer`: one pool per type and size, so
// the second function reuses the pool declared before the first one.
package greet

import (
	"bytes"
	"fmt"
)

// Hello greets name.
func Hello(name string) string {
	var b bytes.Buffer
	b.WriteString("hello, ")
	b.WriteString(name)
	return b.String()
}

// Bye says goodbye n times.
func Bye(name string, n int) string {
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "bye %s (%d)\n", name, i)
	}
	return b.String()
}
