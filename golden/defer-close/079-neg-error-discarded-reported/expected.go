// The error is discarded, so there is no error check to put the release after: reported,
// not fixed.
package blind

import "os"

// Size returns the size of the file at p, or 0.
func Size(p string) int64 {
	f, _ := os.Open(p)
	st, err := f.Stat()
	if err != nil {
		return 0
	}
	return st.Size()
}
