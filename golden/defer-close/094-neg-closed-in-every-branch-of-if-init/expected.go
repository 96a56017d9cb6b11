// The if-init form, with the file closed explicitly inside the block.
package show

import (
	"io"
	"os"
)

// Show copies the file to standard output when it can be opened.
func Show(p string) {
	if f, err := os.Open(p); err == nil {
		io.Copy(os.Stdout, f)
		f.Close()
	}
}
