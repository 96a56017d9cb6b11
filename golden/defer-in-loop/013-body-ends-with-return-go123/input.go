// The loop body already ends with an exit (`return data, nil`, whose values do not mention f):
// close before it and before the continue, and nothing is added after it. go 1.23 module.
package first

import (
	"io"
	"os"
)

// FirstNonEmpty returns the contents of the first readable non-empty file.
func FirstNonEmpty(paths []string) ([]byte, error) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil || len(data) == 0 {
			continue
		}
		return data, nil
	}
	return nil, io.EOF
}
