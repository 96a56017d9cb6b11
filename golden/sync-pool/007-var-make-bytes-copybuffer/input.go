// Form B written as `var buf = make([]byte, 2048)`, used as io.CopyBuffer's scratch buffer
// (allowlisted): pooled like the short form.
package sum

import (
	"hash/crc32"
	"io"
)

// Checksum returns the CRC-32 of everything r yields.
func Checksum(r io.Reader) (uint32, error) {
	var buf = make([]byte, 2048)
	h := crc32.NewIEEE()
	if _, err := io.CopyBuffer(h, r, buf); err != nil {
		return 0, err
	}
	return h.Sum32(), nil
}
