// More than two failing returns: the error result is named and one deferred conditional close
// releases the file on every failing return.
package golden

import (
	"errors"
	"io"
	"os"
)

func openImage(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	var header [8]byte
	if _, err := io.ReadFull(f, header[:]); err != nil {
		return nil, err
	}
	if header[0] != 0x89 {
		return nil, errors.New("not an image")
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return f, nil
}
