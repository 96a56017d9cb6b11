// The name is assigned a second file later, but the first one is closed before that, and the
// second one when it is unexpectedly opened (os's error_test.go). Every value bound to the name
// is released: silent.
package nul

import (
	"errors"
	"os"
)

// Check opens name once and then name+"\x00", which must fail.
func Check(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	f, err = os.OpenFile(name+"\x00", os.O_RDWR, 0o600)
	if err == nil {
		f.Close()
		return errors.New("open should have failed")
	}
	return nil
}
