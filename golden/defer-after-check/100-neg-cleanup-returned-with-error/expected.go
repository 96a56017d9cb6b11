// rclone jottacloud.go:2002 (readMD5) and k6 ws.go:136 (dial): a helper returns its cleanup
// function together with an error, set before the error; the deferred call must run on the
// error path too, so it is not moved after the check.
package golden

import (
	"io"
	"os"
)

func cache(in io.Reader) (out io.Reader, cleanup func(), err error) {
	cleanup = func() {}
	f, err := os.CreateTemp("", "cache")
	if err != nil {
		return nil, cleanup, err
	}
	cleanup = func() {
		_ = f.Close()
		_ = os.Remove(f.Name())
	}
	if _, err = io.Copy(f, in); err != nil {
		return nil, cleanup, err
	}
	_, err = f.Seek(0, 0)
	return f, cleanup, err
}

func upload(in io.Reader) error {
	in, cleanup, err := cache(in)
	defer cleanup()
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, in)
	return err
}
