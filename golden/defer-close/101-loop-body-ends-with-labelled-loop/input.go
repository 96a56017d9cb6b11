// Opened in a loop body whose last statement is a labelled loop (found by the grammar fuzzer):
// the close at the end of the iteration goes after that loop, indented like the loop and not
// like its label (gofmt puts a label one tab to the left of its statement).
package scan

import (
	"io"
	"os"
)

// NonZero counts the bytes before the first zero byte of each readable file, at most limit each.
func NonZero(paths []string, limit int) int {
	total := 0
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		data, err := io.ReadAll(f)
		if err != nil {
			return total
		}
	bytes:
		for i, b := range data {
			switch {
			case b == 0, i == limit:
				break bytes
			}
			total++
		}
	}
	return total
}
