// go 1.22.0 module: clear(buf) after Get. hex.Encode reading buf[:n] is allowlisted and the
// result is a fresh slice converted to a string.
package dump

import (
	"encoding/hex"
	"io"
	"sync"
)

var inputBytes1024Pool = sync.Pool{
	New: func() any {
		b := make([]byte, 1024)
		return &b
	},
}

// HexHead returns the first 1 KiB of r in hex.
func HexHead(r io.Reader) (string, error) {
	bufp := inputBytes1024Pool.Get().(*[]byte)
	defer inputBytes1024Pool.Put(bufp)
	buf := *bufp
	clear(buf)
	n, err := io.ReadFull(r, buf)
	if err != nil && err != io.ErrUnexpectedEOF {
		return "", err
	}
	dst := make([]byte, hex.EncodedLen(n))
	hex.Encode(dst, buf[:n])
	return string(dst), nil
}
