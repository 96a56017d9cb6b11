// f is a local declared with var and assigned with `=`: still the function's own. The size
// check returns with f open before the close is deferred: the defer moves up.
package blob

import (
	"errors"
	"io"
	"os"
)

// Load returns the contents of the file at p, refusing empty files.
func Load(p string) ([]byte, error) {
	var f *os.File
	var err error
	f, err = os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() == 0 {
		return nil, errors.New("empty file")
	}
	return io.ReadAll(f)
}
