// Closed explicitly at the end, but the early return in between leaks the file.
package header

import (
	"io"
	"os"
)

// Header returns the first 16 bytes of the file at p.
func Header(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 16)
	if _, err := io.ReadFull(f, buf); err != nil {
		return nil, err
	}
	f.Close()
	return buf, nil
}
