// The deferred Close is followed by a break out of the loop: it runs at most once per call,
// nothing piles up, and the file is read after the loop (cmd/go's vcweb auth handler searches
// the parent directories for an access file this way). Releasing it at the end of the
// iteration would close it before it is read: silent.
package access

import (
	"io"
	"os"
	"path/filepath"
)

// Find reads the first ".access" file found in dir or one of its parents.
func Find(dir string) ([]byte, error) {
	var f *os.File
	for {
		var err error
		f, err = os.Open(filepath.Join(dir, ".access"))
		if err == nil {
			defer f.Close()
			break
		}
		if !os.IsNotExist(err) {
			return nil, err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, os.ErrNotExist
		}
		dir = parent
	}
	return io.ReadAll(f)
}

// First returns the first line of the first file that opens; the deferred Close runs once,
// on the path that returns.
func First(paths []string) (string, error) {
	for _, p := range paths {
		g, err := os.Open(p)
		if err != nil {
			continue
		}
		defer g.Close()
		buf := make([]byte, 64)
		n, _ := g.Read(buf)
		return string(buf[:n]), nil
	}
	return "", os.ErrNotExist
}
