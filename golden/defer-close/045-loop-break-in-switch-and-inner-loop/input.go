// In a loop body: the `break` of the inner loop and the `break` in the switch do not leave
// this iteration (no close there); `continue` and `return` do; the iteration end gets a close.
package grep

import (
	"bufio"
	"os"
	"strings"
)

// FirstWithPrefix returns the first file that has a line starting with prefix.
func FirstWithPrefix(paths []string, prefix string) string {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		matched := false
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), prefix) {
				matched = true
				break
			}
		}
		switch {
		case sc.Err() != nil:
			continue
		case !matched:
			break
		default:
			return p
		}
	}
	return ""
}
