// A comment after the declaration stays on the line that replaces it, not after the
// deferred Put.
package pos

import (
	"bytes"
	"fmt"
	"io"
	"sync"
)

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// Greet writes a greeting to w.
func Greet(w io.Writer, name string) error {
	b := inputBufferPool.Get().(*bytes.Buffer) // a Buffer needs no initialization
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	fmt.Fprintf(b, "hello, %s\n", name)
	_, err := b.WriteTo(w)
	return err
}
