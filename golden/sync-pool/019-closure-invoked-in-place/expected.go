// A closure that captures the buffer but is invoked in place does not outlive the call:
// pooled.
package inplace

import "bytes"
import "sync"

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// Pair renders "k: v".
func Pair(k, v string) string {
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	func() {
		b.WriteString(k)
		b.WriteString(": ")
	}()
	b.WriteString(v)
	return b.String()
}
