// Opened in a loop body: no defer (it would hold every file until the function returns).
// Close before the return that leaves early, and at the end of the iteration.
// The `continue` in the error check runs without a file, so nothing is inserted there.
package total

import (
	"io"
	"os"
)

// TotalSize returns the summed size of the readable files.
func TotalSize(paths []string) (int, error) {
	total := 0
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		data, err := io.ReadAll(f)
		if err != nil {
			f.Close()
			return 0, err
		}
		total += len(data)
		f.Close()
	}
	return total, nil
}
