// A one-line deferred closure using f before the error check. The branch returns: the line
// moves unchanged after the if.
package load

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
	defer func() { _ = f.Close() }()
	return io.ReadAll(f)
}
