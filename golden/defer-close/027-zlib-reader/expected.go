// zlib.NewReader returns an io.ReadCloser that must be closed.
package deflate

import (
	"bytes"
	"compress/zlib"
	"io"
)

// Inflate decompresses b.
func Inflate(b []byte) ([]byte, error) {
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}
