// The file is opened in a retry loop and the defer comes after the loop: the check and the defer
// are on either side of a loop boundary. Not moved: silent.
package spool

import (
	"io"
	"os"
	"time"
)

// Read opens the file at p, waiting for it to appear, and returns its contents.
func Read(p string) ([]byte, error) {
	var f *os.File
	var err error
	for i := 0; i < 3; i++ {
		f, err = os.Open(p)
		if err != nil {
			time.Sleep(time.Millisecond)
			continue
		}
		if i > 0 {
			return nil, os.ErrExist
		}
		break
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
