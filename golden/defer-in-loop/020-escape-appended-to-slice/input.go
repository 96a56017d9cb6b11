// f is appended to a slice that is used after the loop: the files must stay open past their
// iteration, so closing at the end of each iteration would break the MultiReader. The defer is
// right where it is: nothing is reported.
package cat

import (
	"io"
	"os"
)

// Concat returns the concatenated contents of the files.
func Concat(paths []string) ([]byte, error) {
	var readers []io.Reader
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		readers = append(readers, f)
	}
	return io.ReadAll(io.MultiReader(readers...))
}
