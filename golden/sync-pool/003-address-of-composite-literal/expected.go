// Form A: `b := &bytes.Buffer{}` filled by io.Copy (allowlisted) and returned as b.String():
// pooled.
package slurp

import (
	"bytes"
	"io"
	"sync"
)

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// ReadString reads r to the end.
func ReadString(r io.Reader) (string, error) {
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	if _, err := io.Copy(b, r); err != nil {
		return "", err
	}
	return b.String(), nil
}
