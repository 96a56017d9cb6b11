// A return after the defer mentions f (`return f.Name(), nil`): the spec reports such a return
// instead of closing before it. Reported only, nothing is rewritten.
package pick

import (
	"io"
	"os"
)

// FirstBig returns the name of the first file larger than limit bytes.
func FirstBig(paths []string, limit int) (string, error) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return "", err
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			return "", err
		}
		if len(data) > limit {
			return f.Name(), nil
		}
	}
	return "", nil
}
