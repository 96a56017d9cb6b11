// The error branch logs and returns (it leaves the function). The blank line after the
// check stays after the inserted defer: no blank lines are added or removed.
package tail

import (
	"io"
	"log"
	"os"
)

// Tail returns the last n bytes of the file at p, or nil.
func Tail(p string, n int64) []byte {
	f, err := os.Open(p)
	if err != nil {
		log.Printf("tail %s: %v", p, err)
		return nil
	}

	st, err := f.Stat()
	if err != nil || st.Size() < n {
		return nil
	}
	buf := make([]byte, n)
	if _, err := f.ReadAt(buf, st.Size()-n); err != nil && err != io.EOF {
		return nil
	}
	return buf
}
