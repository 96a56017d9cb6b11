// os.OpenRoot (Go 1.24) and (*os.Root).Open both return something to close: two findings.
package rooted

import (
	"io"
	"os"
)

// ReadIn reads name inside dir without escaping it.
func ReadIn(dir, name string) ([]byte, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
