// The defer comes before the loop, not inside it: one file, one Close when Lines returns.
// Silent.
package lines2

import (
	"bufio"
	"os"
)

// Lines returns the lines of the file at p.
func Lines(p string) ([]string, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out, sc.Err()
}
