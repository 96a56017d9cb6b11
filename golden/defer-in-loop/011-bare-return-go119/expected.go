// go 1.19 module: loop-variable capture does not matter, the fix adds no closure.
// defer f.Close() in a loop of a function without results: close before the bare return and
// at the end of the iteration.
package dump

import (
	"fmt"
	"io"
	"os"
)

// Dump copies each file to w; it stops at the first file it cannot copy.
func Dump(w io.Writer, paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			fmt.Fprintln(w, "skip:", err)
			continue
		}
		if _, err := io.Copy(w, f); err != nil {
			fmt.Fprintln(w, "error:", err)
			f.Close()
			return
		}
		f.Close()
	}
}
