// Plain `=` assignment to variables declared earlier: same leak, same fix.
package lines

import (
	"bufio"
	"io"
	"os"
	"strings"
)

// FirstLine returns the first line of the file at p.
func FirstLine(p string) (string, error) {
	var f *os.File
	var err error
	f, err = os.Open(p)
	if err != nil {
		return "", err
	}
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\n"), nil
}
