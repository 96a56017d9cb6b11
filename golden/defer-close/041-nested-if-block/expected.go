// The acquisition sits in an if block (not a loop): the defer goes after the error check,
// inside that block.
package fallback

import (
	"io"
	"os"
)

// Load reads path, or returns fallback when path is empty.
func Load(path string, fallback []byte) ([]byte, error) {
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return io.ReadAll(f)
	}
	return fallback, nil
}
