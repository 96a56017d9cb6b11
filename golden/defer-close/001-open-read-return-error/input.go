// os.Open without any Close: the descriptor leaks on every successful call.
// Read-only file, so a plain `defer f.Close()` right after the error check is the fix.
package config

import (
	"io"
	"os"
)

// Load returns the contents of the file at p.
func Load(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}
