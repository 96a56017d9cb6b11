// defer f.Close() in the outer loop body. `continue outer` inside the inner loop leaves this
// iteration (close before each); the inner loop's plain `continue` does not (no close). The
// `continue` of the error check comes before the defer. The end of the body gets a close.
package scan

import (
	"bufio"
	"os"
	"strings"
)

// Marked returns the files with a "#mark" line among the comment lines before the first blank line.
func Marked(paths []string) []string {
	var out []string
outer:
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if line == "" {
				f.Close()
				continue outer
			}
			if !strings.HasPrefix(line, "#") {
				continue
			}
			if line == "#mark" {
				out = append(out, p)
				f.Close()
				continue outer
			}
		}
		f.Close()
	}
	return out
}
