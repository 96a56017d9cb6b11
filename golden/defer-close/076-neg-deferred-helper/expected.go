// Already released by a deferred helper that receives the file.
package quiet

import (
	"io"
	"os"
)

func closeQuietly(c io.Closer) {
	_ = c.Close()
}

// Read returns the contents of the file at p.
func Read(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer closeQuietly(f)
	return io.ReadAll(f)
}
