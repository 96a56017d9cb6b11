// Two leaks in one function: the source (read-only, plain defer) and the destination
// (written, close error reported through the named result).
package copyfile

import (
	"io"
	"os"
)

// CopyFile copies src to dst.
func CopyFile(dst, src string) (retErr error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); cerr != nil && retErr == nil {
			retErr = cerr
		}
	}()
	_, err = io.Copy(out, in)
	return err
}
