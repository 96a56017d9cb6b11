// The file is returned bare as an io.ReadCloser: the caller closes it.
package source

import (
	"io"
	"os"
	"strings"
)

// Open returns a reader for name: standard input for "-", else the file.
func Open(name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(os.Stdin), nil
	}
	if strings.HasPrefix(name, "@") {
		name = name[1:]
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return f, nil
}
