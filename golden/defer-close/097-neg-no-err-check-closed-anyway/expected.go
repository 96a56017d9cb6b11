// No `if err != nil` check follows the open: the error is inspected another way, and the file
// (nil when the open fails, as the caller expects) is closed unconditionally right after
// (os_windows_test.go's TestOpenFileFlagInvalid). Closed on every path: silent.
package probe

import (
	"errors"
	"fmt"
	"os"
)

// Rejects reports whether opening p with flag fails with os.ErrInvalid.
func Rejects(p string, flag int) error {
	f, err := os.OpenFile(p, flag, 0o666)
	if !errors.Is(err, os.ErrInvalid) {
		err = fmt.Errorf("expected os.ErrInvalid, got %v", err)
	} else {
		err = nil
	}
	f.Close()
	return err
}
