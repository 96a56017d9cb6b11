// In a loop the error branch ends in `continue`: that leaves the iteration, not the function.
// Choice (the spec says "leaves the function"): continue and break do NOT count as leaving, so
// this is reported, not fixed.
package skim

import (
	"io"
	"os"
)

// Total returns the summed size of the readable files.
func Total(paths []string) int {
	n := 0
	for _, p := range paths {
		f, err := os.Open(p)
		defer f.Close()
		if err != nil {
			continue
		}
		data, _ := io.ReadAll(f)
		n += len(data)
	}
	return n
}
