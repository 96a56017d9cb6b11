// A deferred closure that only closes f comes after a return that can be taken once f is open.
// The whole defer statement moves up to right after the error check.
package dirs

import (
	"errors"
	"os"
)

// Entries lists the directory at p.
func Entries(p string) ([]string, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer func() {
		_ = f.Close()
	}()
	if fi, err := f.Stat(); err != nil || !fi.IsDir() {
		return nil, errors.New("not a directory")
	}
	return f.Readdirnames(-1)
}
