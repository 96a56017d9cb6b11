// close-style = "errcheck": the inserted defer discards the close error explicitly, which
// errcheck accepts.
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
	defer func() { _ = f.Close() }()
	return io.ReadAll(f)
}
