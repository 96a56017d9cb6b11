// `if f, err := ...; err != nil { return } else { ... }`: the file is usable in the else
// block, so the release goes first inside it.
package show

import (
	"io"
	"os"
)

// Cat copies the file to standard output.
func Cat(p string) error {
	if f, err := os.Open(p); err != nil {
		return err
	} else {
		defer f.Close()
		_, err = io.Copy(os.Stdout, f)
		return err
	}
}
