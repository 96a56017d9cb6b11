// Closed explicitly on every path after the error check.
package explicit

import (
	"errors"
	"io"
	"os"
)

// Read returns the contents of the regular file at p.
func Read(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		f.Close()
		return nil, errors.New("not a regular file")
	}
	b, err := io.ReadAll(f)
	f.Close()
	return b, err
}
