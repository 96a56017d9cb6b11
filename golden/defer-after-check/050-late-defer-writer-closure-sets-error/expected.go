// The deferred closure assigns the close error to the named result: moved above the early
// return, it would overwrite that return's error with nil. Reported, not fixed.
package save

import (
	"errors"
	"os"
)

// Save writes data to the file at p and returns the close error.
func Save(p string, data []byte) (err error) {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	if len(data) == 0 {
		return errors.New("no data")
	}
	defer func() {
		err = f.Close()
	}()
	_, err = f.Write(data)
	return err
}
