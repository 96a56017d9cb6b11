// `_ = f.Close()` right after the error checks releases the file on every path where it
// exists; the `os.IsNotExist(err)` branch runs only when the open failed. Nothing to report.
package cpu

import (
	"fmt"
	"os"
)

func validatePath(p string) error {
	f, err := os.Open(p)
	if os.IsNotExist(err) {
		return fmt.Errorf("file %q does not exist", p)
	}
	if err != nil {
		return fmt.Errorf("cannot open %q: %w", p, err)
	}

	_ = f.Close() // read-only, closing is safe
	return nil
}
