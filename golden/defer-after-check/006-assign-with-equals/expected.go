// The resource is assigned with `=` (f and err declared earlier), then deferred before the
// check. The branch returns: the defer moves after the if.
package reopen

import (
	"io"
	"os"
)

// Size returns the number of bytes in the file at p.
func Size(p string) (int64, error) {
	var f *os.File
	var err error
	f, err = os.Open(p)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return io.Copy(io.Discard, f)
}
