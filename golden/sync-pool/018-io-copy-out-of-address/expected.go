// io.Copy(w, &b) and io.WriteString(&b, s) are allowlisted; pooled, `&b` becomes `b`.
package flush

import (
	"bytes"
	"io"
	"sync"
)

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// Send writes header and body to w through one buffer.
func Send(w io.Writer, header, body string) error {
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	io.WriteString(b, header)
	b.WriteString("\r\n\r\n")
	io.WriteString(b, body)
	_, err := io.Copy(w, b)
	return err
}
