// defer f.Close() in an endless `for {}` loop: one descriptor per poll until Follow returns.
// f is only used through its own method (Stat). Close before the return and the break after
// the defer, and at the end of the iteration.
package tail

import (
	"os"
	"time"
)

// Follow calls fn with the size of the file at p every d until fn returns false.
func Follow(p string, d time.Duration, fn func(int64) bool) error {
	for {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return err
		}
		if !fn(st.Size()) {
			f.Close()
			break
		}
		time.Sleep(d)
		f.Close()
	}
	return nil
}
