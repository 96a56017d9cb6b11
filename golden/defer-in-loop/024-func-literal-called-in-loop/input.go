// The defer is inside a func literal called in place in each iteration: it runs when that call
// returns, i.e. at the end of every iteration. Already correct: silent.
package lines

import (
	"bufio"
	"os"
)

// Count returns the number of lines of each readable file.
func Count(paths []string) map[string]int {
	out := make(map[string]int)
	for _, p := range paths {
		func() {
			f, err := os.Open(p)
			if err != nil {
				return
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				out[p]++
			}
		}()
	}
	return out
}
