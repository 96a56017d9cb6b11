// Two leaks in one function: the source (read-only, plain defer) and the destination
// (written, close error reported through the named result).
package copyfile

import (
	"io"
	"os"
)

// CopyFile copies src to dst.
func CopyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return err
}
