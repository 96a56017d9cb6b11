// A helper literal stored in a variable: the defer goes inside the literal.
package sum

import (
	"io"
	"os"
)

// Sum returns the total length of the files.
func Sum(paths []string) (int, error) {
	count := func(p string) (int, error) {
		f, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		b, err := io.ReadAll(f)
		return len(b), err
	}
	total := 0
	for _, p := range paths {
		n, err := count(p)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}
