// The error is discarded (`f, _ := ...`): there is no check for the defer to move after.
// Not this rule's pattern: silent.
package blind

import (
	"io"
	"os"
)

// Read returns what can be read from p.
func Read(p string) []byte {
	f, _ := os.Open(p)
	defer f.Close()
	data, _ := io.ReadAll(f)
	return data
}
