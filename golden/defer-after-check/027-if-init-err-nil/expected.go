// The defer sits inside `if f, err := os.Open(p); err == nil { ... }`, where f is known good.
// Correct as it is: silent.
package maybe

import (
	"io"
	"os"
)

// ReadIfExists returns the contents of p, or nil when it cannot be opened.
func ReadIfExists(p string) []byte {
	if f, err := os.Open(p); err == nil {
		defer f.Close()
		data, _ := io.ReadAll(f)
		return data
	}
	return nil
}
