// json.NewEncoder(&b).Encode(v): an encoder created on the buffer and dropped in the function
// is allowlisted; `&b` becomes `b`.
package api

import (
	"bytes"
	"encoding/json"
	"sync"
)

var inputBufferPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// Marshal encodes v as one JSON line.
func Marshal(v any) (string, error) {
	b := inputBufferPool.Get().(*bytes.Buffer)
	b.Reset()
	defer func() {
		if b.Cap() <= 64<<10 {
			inputBufferPool.Put(b)
		}
	}()
	if err := json.NewEncoder(b).Encode(v); err != nil {
		return "", err
	}
	return b.String(), nil
}
