// The other result of the call (the pipe's read end) is kept after the loop: closing the write
// end at the end of the iteration would end what the readers see, so the defer stays and nothing is reported.
package golden

import (
	"io"
	"os"
)

func pipes(n int) ([]io.Reader, error) {
	var readers []io.Reader
	for i := 0; i < n; i++ {
		r, w, err := os.Pipe()
		if err != nil {
			return nil, err
		}
		defer w.Close()
		readers = append(readers, r)
	}
	return readers, nil
}
