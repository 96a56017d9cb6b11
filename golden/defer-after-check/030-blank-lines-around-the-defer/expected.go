// The defer before the error check stands between blank lines, and a comment line separates it
// from the check (found by the grammar fuzzer): the rule still sees the three statements in a
// row, moves the defer, and leaves one blank line where it was, not two.
package conf

import (
	"io"
	"os"
)

// Read returns the contents of the file at p.
func Read(p string) ([]byte, error) {
	f, err := os.Open(p)

	// a missing file is an error
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
