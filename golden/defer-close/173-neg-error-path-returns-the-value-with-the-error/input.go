// A failing return that hands the value back with the error: the caller may use or close it,
// so nothing is rewritten.
package golden

import "os"

func openChecked(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if _, err := f.Stat(); err != nil {
		return f, err
	}
	return f, nil
}
