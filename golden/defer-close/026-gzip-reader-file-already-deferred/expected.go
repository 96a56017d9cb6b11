// The file is closed by its defer; the gzip reader on top of it is not (gzip.Reader.Close
// does not close the file, and the file's Close does not release the reader).
package gz

import (
	"compress/gzip"
	"io"
	"os"
)

// ReadGz returns the decompressed contents of a .gz file.
func ReadGz(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}
