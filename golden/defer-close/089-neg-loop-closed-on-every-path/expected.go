// In a loop, the file is closed right after its last use, before any exit: nothing leaks.
package modes

import (
	"io/fs"
	"os"
)

// Modes returns the mode of each readable path.
func Modes(paths []string) map[string]fs.FileMode {
	out := map[string]fs.FileMode{}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		st, err := f.Stat()
		f.Close()
		if err != nil {
			continue
		}
		out[p] = st.Mode()
	}
	return out
}
