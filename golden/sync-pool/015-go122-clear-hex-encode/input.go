// go 1.22.0 module: clear(buf) after Get. hex.Encode reading buf[:n] is allowlisted and the
// result is a fresh slice converted to a string.
package dump

import (
	"encoding/hex"
	"io"
)

// HexHead returns the first 1 KiB of r in hex.
func HexHead(r io.Reader) (string, error) {
	buf := make([]byte, 1<<10)
	n, err := io.ReadFull(r, buf)
	if err != nil && err != io.ErrUnexpectedEOF {
		return "", err
	}
	dst := make([]byte, hex.EncodedLen(n))
	hex.Encode(dst, buf[:n])
	return string(dst), nil
}
