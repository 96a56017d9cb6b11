// `defer f.Close()` before the error check is a different problem (closing a nil file):
// defer-close leaves it to the rule that reorders it.
package early

import (
	"io"
	"os"
)

// Read returns the contents of the file at p.
func Read(p string) ([]byte, error) {
	f, err := os.Open(p)
	defer f.Close()
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}
