// With close-style = "errcheck", an existing plain `defer f.Close()` is still a release:
// defer-close does not restyle it.
package config

import (
	"io"
	"os"
)

// Load returns the contents of the file at p.
func Load(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
