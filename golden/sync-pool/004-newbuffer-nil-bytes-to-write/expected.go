// Form A: `b := bytes.NewBuffer(nil)`; b.Bytes() is only passed to a Write method
// (allowlisted), which does not keep it: pooled.
package emit

import (
	"bytes"
	"io"
	"sync"
)

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// Lines writes all lines to w in one Write call.
func Lines(w io.Writer, lines []string) error {
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	_, err := w.Write(b.Bytes())
	return err
}
