// `defer f.Close()` in a loop body whose last statement is a labelled loop (found by the grammar
// fuzzer): the close that replaces the defer goes after that loop, indented like the loop and not
// like its label.
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
		defer f.Close()
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
