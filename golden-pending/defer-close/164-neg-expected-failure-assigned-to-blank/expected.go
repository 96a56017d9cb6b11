// os/root_test.go:1723, nats dirstore_test.go:177, restic repository_test.go:452 and others: the
// call is expected to fail and its value is dropped with `_`; there is nothing to release.
package golden

import (
	"errors"
	"os"
)

func mustNotOpen(name string) error {
	_, err := os.Open(name)
	if err == nil {
		return errors.New("expected an error")
	}
	return nil
}
