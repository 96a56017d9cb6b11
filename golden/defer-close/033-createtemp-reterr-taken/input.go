// os.CreateTemp is writable. The function already has a variable named retErr, so the
// named error result is retErr1.
package chunks

import "os"

// WriteTemp writes the chunks to a new temporary file and returns its name.
func WriteTemp(dir string, chunks [][]byte) (string, error) {
	f, err := os.CreateTemp(dir, "chunk-*.bin")
	if err != nil {
		return "", err
	}
	var retErr error
	for _, c := range chunks {
		if _, err := f.Write(c); err != nil && retErr == nil {
			retErr = err
		}
	}
	return f.Name(), retErr
}
