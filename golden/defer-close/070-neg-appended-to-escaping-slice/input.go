// Each file is appended to a slice that is returned: the caller closes them.
package multi

import (
	"io"
	"os"
)

// OpenAll opens every path; on error it returns the files opened so far.
func OpenAll(paths []string) ([]io.Closer, error) {
	var out []io.Closer
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return out, err
		}
		out = append(out, f)
	}
	return out, nil
}
