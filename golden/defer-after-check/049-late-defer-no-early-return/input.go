// Statements stand between the check and the defer, but none of them can leave the function:
// the defer runs on every path that acquired the file. Silent.
package conf

import (
	"bufio"
	"os"
)

// FirstLine returns the first line of the file at p.
func FirstLine(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	r := bufio.NewReader(f)
	defer f.Close()
	line, err := r.ReadString('\n')
	return line, err
}
