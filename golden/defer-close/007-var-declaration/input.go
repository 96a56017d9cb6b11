// `var f, err = os.Open(p)` is an acquisition like `:=`.
package sizes

import "os"

// Size returns the size of the file at p, in bytes.
func Size(p string) (int64, error) {
	var f, err = os.Open(p)
	if err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}
