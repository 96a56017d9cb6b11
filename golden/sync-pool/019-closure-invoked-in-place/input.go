// A closure that captures the buffer but is invoked in place does not outlive the call:
// pooled.
package inplace

import "bytes"

// Pair renders "k: v".
func Pair(k, v string) string {
	var b bytes.Buffer
	func() {
		b.WriteString(k)
		b.WriteString(": ")
	}()
	b.WriteString(v)
	return b.String()
}
