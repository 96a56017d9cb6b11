// The error branch returns only for a missing file and otherwise logs and falls through: the
// branch as a whole does not leave the function. Reported only.
package opt

import (
	"errors"
	"io"
	"io/fs"
	"log"
	"os"
)

// Optional returns the contents of p; nil when it does not exist.
func Optional(p string) []byte {
	f, err := os.Open(p)
	defer f.Close()
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		log.Print(err)
	}
	data, _ := io.ReadAll(f)
	return data
}
