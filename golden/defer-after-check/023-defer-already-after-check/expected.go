// The defer already comes after the error check, whose branch returns: correct as it is. Silent.
package ok

import (
	"io"
	"os"
)

// Read returns the contents of the file at p.
func Read(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
