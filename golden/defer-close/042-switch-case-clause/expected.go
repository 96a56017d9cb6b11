// An acquisition inside a case clause: the defer goes after the error check in that clause.
package kinds

import (
	"fmt"
	"os"
)

// SizeOf returns the size of the thing named p.
func SizeOf(kind, p string) (int64, error) {
	switch kind {
	case "file":
		f, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		return st.Size(), nil
	default:
		return 0, fmt.Errorf("unknown kind %q", kind)
	}
}
